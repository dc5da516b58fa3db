package dev.autodeploy.analyzer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import dev.autodeploy.analyzer.engine.RepositoryAnalyzer;

/**
 * Runs the engine over every repository (sub-directory) of a directory, after warm-up passes, and
 * prints throughput and per-repository latency percentiles. Single-threaded on purpose: the numbers
 * are per analysis, and the service runs analyses concurrently on top of that.
 */
final class AnalyzerBenchmark {

    private final PrintStream out;
    private final PrintStream err;

    AnalyzerBenchmark(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String... args) {
        if (args.length == 0) {
            err.println(AnalyzerCli.usage());
            return 2;
        }
        Path root = Path.of(args[0]);
        int iterations = 20;
        int warmup = 5;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--iterations" -> iterations = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> {
                    err.println(AnalyzerCli.usage());
                    return 2;
                }
            }
        }
        List<Path> repositories;
        try (Stream<Path> entries = Files.list(root)) {
            repositories = entries.filter(Files::isDirectory).sorted().toList();
        }
        catch (IOException ex) {
            err.println("Cannot list " + root + ": " + ex.getMessage());
            return 1;
        }
        if (repositories.isEmpty()) {
            err.println("No repositories (sub-directories) in " + root);
            return 1;
        }
        RepositoryAnalyzer analyzer = new RepositoryAnalyzer();
        try {
            for (int i = 0; i < warmup; i++) {
                for (Path repository : repositories) {
                    analyzer.analyze(repository);
                }
            }
            long[] nanos = new long[repositories.size() * iterations];
            int n = 0;
            long frameworks = 0;
            long started = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                for (Path repository : repositories) {
                    long t0 = System.nanoTime();
                    var analysis = analyzer.analyze(repository);
                    nanos[n++] = System.nanoTime() - t0;
                    if (i == 0 && analysis.framework() != null) {
                        frameworks++;
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Arrays.sort(nanos);
            List<String> lines = new ArrayList<>();
            lines.add("repositories      " + repositories.size() + " (" + frameworks + " with a framework recognised)");
            lines.add("analyses          " + nanos.length + " (" + iterations + " passes after " + warmup
                    + " warm-up passes, one thread)");
            lines.add(String.format("throughput        %.1f repos/s", nanos.length / seconds));
            lines.add(String.format("latency p50       %.2f ms", percentile(nanos, 0.50)));
            lines.add(String.format("latency p99       %.2f ms", percentile(nanos, 0.99)));
            lines.add(String.format("latency max       %.2f ms", nanos[nanos.length - 1] / 1e6));
            System.gc();
            var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            lines.add(String.format("heap after GC     %.1f MiB used", heap.getUsed() / 1048576.0));
            lines.add("jvm               " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                    + " processors");
            lines.forEach(out::println);
            return 0;
        }
        catch (IOException ex) {
            err.println("Analysis failed: " + ex.getMessage());
            return 1;
        }
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }
}
