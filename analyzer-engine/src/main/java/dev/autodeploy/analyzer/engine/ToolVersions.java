package dev.autodeploy.analyzer.engine;

import java.util.List;
import java.util.Optional;

/** Reads asdf/mise's {@code .tool-versions}: one {@code <tool> <version>} per line. */
public final class ToolVersions {

    private ToolVersions() {
    }

    /** The version pinned for the first of {@code tools} found in {@code <prefix>.tool-versions}. */
    public static Optional<String> of(RepositoryTree tree, String prefix, String... tools) {
        List<String> names = List.of(tools);
        return tree.read(prefix + ".tool-versions").flatMap(text -> text.lines().map(String::strip)
                .filter(line -> !line.startsWith("#")).map(line -> line.split("\\s+"))
                .filter(parts -> parts.length >= 2 && names.contains(parts[0])).map(parts -> parts[1]).findFirst());
    }
}
