package dev.autodeploy.analyzer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Git repositories made on disk for tests: a bare repository (what a Git host serves) pushed to from
 * a working copy, with small real projects in it.
 */
public final class TestRepositories {

    /** A bare repository and the working copy that pushes to it. */
    public record Remote(Path bare, Path work, Git git) implements AutoCloseable {

        public String fileUrl() {
            return bare.toUri().toString().replaceFirst("^file:/+", "file:///");
        }

        /** Writes the files, commits them on the current branch and pushes; returns the commit id. */
        public String commit(String message, Map<String, String> files) {
            try {
                for (Map.Entry<String, String> file : files.entrySet()) {
                    Path path = work.resolve(file.getKey());
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, file.getValue());
                }
                git.add().addFilepattern(".").call();
                RevCommit commit = git.commit().setMessage(message).setAuthor("Test", "test@example.test")
                        .setCommitter("Test", "test@example.test").setSign(false).call();
                git.push().setRemote("origin").setPushAll().call();
                return commit.getName();
            }
            catch (IOException | GitAPIException ex) {
                throw new IllegalStateException(ex);
            }
        }

        @Override
        public void close() {
            git.close();
        }
    }

    private TestRepositories() {
    }

    /** An empty bare repository under {@code root} whose HEAD is {@code branch}, and a working copy on it. */
    public static Remote create(Path root, String branch) {
        try {
            Path bare = Files.createDirectories(root.resolve("remote.git"));
            Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch(branch).call().close();
            Path work = Files.createDirectories(root.resolve("work"));
            Git git = Git.init().setDirectory(work.toFile()).setInitialBranch(branch).call();
            git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(bare.toUri().toURL())).call();
            return new Remote(bare, work, git);
        }
        catch (IOException | GitAPIException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A small Next.js app (TypeScript, npm lock file). */
    public static Map<String, String> nextJsApp() {
        return Map.of("package.json", """
                {
                  "name": "my-nextjs-app",
                  "version": "1.0.0",
                  "private": true,
                  "scripts": {"dev": "next dev", "build": "next build", "start": "next start"},
                  "dependencies": {"next": "14.0.0", "react": "18.2.0", "react-dom": "18.2.0"},
                  "devDependencies": {"typescript": "5.3.3", "@types/node": "20.10.0"}
                }
                """, "package-lock.json", """
                {"name": "my-nextjs-app", "lockfileVersion": 3, "requires": true, "packages": {}}
                """, "next.config.js", "module.exports = {};\n", "tsconfig.json", "{\"compilerOptions\": {}}\n",
                "app/page.tsx", "export default function Page() { return <h1>Hello</h1>; }\n");
    }

    /** A small Express server (JavaScript, npm lock file) reading PORT and DATABASE_URL. */
    public static Map<String, String> expressApp() {
        return Map.of("package.json", """
                {
                  "name": "my-express-api",
                  "version": "1.0.0",
                  "main": "server.js",
                  "scripts": {"start": "node server.js"},
                  "dependencies": {"express": "4.18.2", "pg": "8.11.3"}
                }
                """, "package-lock.json", """
                {"name": "my-express-api", "lockfileVersion": 3, "requires": true, "packages": {}}
                """, "server.js", """
                const express = require('express');
                const { Pool } = require('pg');
                const pool = new Pool({ connectionString: process.env.DATABASE_URL });
                const app = express();
                app.get('/', (req, res) => res.send('ok'));
                app.listen(process.env.PORT || 3000);
                """);
    }
}
