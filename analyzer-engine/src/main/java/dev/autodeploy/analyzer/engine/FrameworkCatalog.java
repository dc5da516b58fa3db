package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The framework rules, as data: one file per ecosystem under {@code catalog/}, loaded in the order
 * of {@link #ECOSYSTEMS} and sorted by priority (highest first; ties keep that order). Adding a
 * framework is adding an entry to one of those files.
 */
public final class FrameworkCatalog {

    /** Ecosystems in the order their rules break priority ties. */
    public static final List<String> ECOSYSTEMS = List.of("node", "deno", "python", "ruby", "php", "go", "rust",
            "java", "elixir", "dotnet", "site");

    private final List<FrameworkRule> rules;

    FrameworkCatalog(List<FrameworkRule> rules) {
        Set<String> ids = new HashSet<>();
        for (FrameworkRule rule : rules) {
            if (!ids.add(rule.id())) {
                throw new IllegalStateException("Duplicate framework id in the catalog: " + rule.id());
            }
        }
        this.rules = rules.stream().sorted(Comparator.comparingInt(FrameworkRule::priority).reversed()).toList();
    }

    /** The catalog shipped with the engine. */
    public static FrameworkCatalog bundled() {
        JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        List<FrameworkRule> rules = new ArrayList<>();
        for (String ecosystem : ECOSYSTEMS) {
            String resource = "catalog/" + ecosystem + ".json";
            try (InputStream in = FrameworkCatalog.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the engine");
                }
                for (JsonNode entry : json.readTree(in).required("frameworks")) {
                    FrameworkRule rule = json.treeToValue(entry, FrameworkRule.class);
                    if (!rule.ecosystem().equals(ecosystem)) {
                        throw new IllegalStateException(resource + ": rule " + rule.id() + " is for " + rule.ecosystem());
                    }
                    rules.add(rule);
                }
            }
            catch (IOException ex) {
                throw new IllegalStateException("Cannot read " + resource, ex);
            }
        }
        return new FrameworkCatalog(rules);
    }

    public List<FrameworkRule> rules() {
        return rules;
    }
}
