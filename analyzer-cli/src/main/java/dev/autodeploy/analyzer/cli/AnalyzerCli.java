package dev.autodeploy.analyzer.cli;

import java.io.PrintStream;
import java.util.Arrays;

/** The command line entry point: {@code analyze <path-or-git-url> [--json] [--branch <name>]} and {@code bench <dir>}. */
public final class AnalyzerCli {

    private AnalyzerCli() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        if (args.length == 0) {
            err.println(usage());
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "analyze" -> new AnalyzeCommand(out, err).run(rest);
            case "bench" -> new AnalyzerBenchmark(out, err).run(rest);
            case "-h", "--help", "help" -> {
                out.println(usage());
                yield 0;
            }
            default -> {
                err.println(usage());
                yield 2;
            }
        };
    }

    static String usage() {
        return """
                Usage: analyze <path-or-git-url> [--json] [--branch <name>]
                       bench <directory-of-repositories> [--iterations <n>] [--warmup <n>]""";
    }
}
