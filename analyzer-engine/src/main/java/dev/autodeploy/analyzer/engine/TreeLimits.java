package dev.autodeploy.analyzer.engine;

import java.util.Set;

/**
 * How much of a repository the engine looks at. A checkout is untrusted input: these bounds keep a
 * hostile or merely huge repository from exhausting memory or time.
 *
 * @param maxFiles files listed at most; the rest is ignored with a warning
 * @param maxDepth directory levels below the root that are entered
 * @param maxFileBytes files larger than this are listed but never read
 * @param skippedDirectories directory names never entered (dependencies, build output, VCS data)
 */
public record TreeLimits(int maxFiles, int maxDepth, long maxFileBytes, Set<String> skippedDirectories) {

    public static final TreeLimits DEFAULT = new TreeLimits(20_000, 12, 1024 * 1024, Set.of(".git", ".hg", ".svn",
            "node_modules", "bower_components", "vendor", "target", "build", "dist", ".next", ".nuxt", ".svelte-kit",
            ".venv", "venv", "__pycache__", ".tox", ".gradle", ".idea", "_build", "deps", "bin", "obj"));

    public TreeLimits {
        if (maxFiles < 1 || maxDepth < 1 || maxFileBytes < 1) {
            throw new IllegalArgumentException("Tree limits must be positive");
        }
        skippedDirectories = Set.copyOf(skippedDirectories);
    }
}
