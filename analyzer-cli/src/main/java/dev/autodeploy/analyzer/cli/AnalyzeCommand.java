package dev.autodeploy.analyzer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.autodeploy.analyzer.engine.Analysis;
import dev.autodeploy.analyzer.engine.RepositoryAnalyzer;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Analyzes a directory or a Git URL (shallow-cloned to a temporary directory, deleted afterwards)
 * and prints the plan, like {@code nixpacks plan}: human-readable by default, JSON with {@code --json}.
 * Nothing of the repository is run.
 */
final class AnalyzeCommand {

    private final PrintStream out;
    private final PrintStream err;

    AnalyzeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String... args) {
        String target = null;
        String branch = null;
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--branch" -> {
                    if (i + 1 >= args.length) {
                        err.println("--branch needs a branch name");
                        return 2;
                    }
                    branch = args[++i];
                }
                default -> {
                    if (args[i].startsWith("-") || target != null) {
                        err.println(AnalyzerCli.usage());
                        return 2;
                    }
                    target = args[i];
                }
            }
        }
        if (target == null) {
            err.println(AnalyzerCli.usage());
            return 2;
        }
        RepositoryAnalyzer analyzer = new RepositoryAnalyzer();
        try {
            Analysis analysis;
            String shown;
            if (GitCheckout.isUrl(target)) {
                try (GitCheckout checkout = GitCheckout.shallowClone(target, branch)) {
                    analysis = analyzer.analyze(checkout.directory());
                    shown = GitCheckout.withoutCredentials(target) + " @ " + checkout.commit();
                }
            }
            else {
                Path directory = Path.of(target);
                if (!Files.isDirectory(directory)) {
                    err.println("Not a directory: " + target);
                    return 1;
                }
                if (branch != null) {
                    err.println("--branch applies to Git URLs only; analyzing the directory as it is");
                }
                analysis = analyzer.analyze(directory);
                shown = directory.toAbsolutePath().normalize().toString();
            }
            if (json) {
                out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                        .writeValueAsString(analysis));
            }
            else {
                new PlanPrinter(out).print(shown, analysis);
            }
            return 0;
        }
        catch (GitCheckout.CloneFailed ex) {
            err.println(ex.getMessage());
            return 1;
        }
        catch (IOException ex) {
            err.println("Cannot analyze " + target + ": " + ex.getMessage());
            return 1;
        }
    }
}
