package dev.autodeploy.analyzer;

import java.util.Map;

/**
 * Small real projects to commit to the Git repositories tests make on disk
 * ({@link dev.autodeploy.testsupport.TestGitRemote}).
 */
public final class TestRepositories {

    private TestRepositories() {
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
