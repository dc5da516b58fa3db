package dev.autodeploy.analyzer.engine;

import java.util.List;
import java.util.Set;

/**
 * One entry of the framework catalog (see {@code frameworks.json}).
 *
 * @param id stable id, e.g. {@code nextjs}
 * @param name display name
 * @param priority the highest matching priority wins (a meta-framework over the library it builds on)
 * @param all dependencies that must all be declared
 * @param any dependencies of which one must be declared (empty: no such condition)
 * @param files config files that confirm the framework
 * @param build default build command template
 * @param start default start command template
 * @param dev default dev command template
 * @param output build output directory
 * @param kind {@code server} (a process to run) or {@code static} (files to serve)
 */
public record FrameworkRule(String id, String name, int priority, List<String> all, List<String> any,
        List<String> files, String build, String start, String dev, String output, String kind) {

    public FrameworkRule {
        all = all == null ? List.of() : List.copyOf(all);
        any = any == null ? List.of() : List.copyOf(any);
        files = files == null ? List.of() : List.copyOf(files);
        if (id == null || name == null || (all.isEmpty() && any.isEmpty())) {
            throw new IllegalArgumentException("Framework rule needs an id, a name and a dependency condition: " + id);
        }
    }

    /** The declared dependency that decided the match, or null when the rule does not match. */
    String matchedDependency(Set<String> declared) {
        if (!declared.containsAll(all)) {
            return null;
        }
        if (any.isEmpty()) {
            return all.getLast();
        }
        return any.stream().filter(declared::contains).findFirst().orElse(null);
    }
}
