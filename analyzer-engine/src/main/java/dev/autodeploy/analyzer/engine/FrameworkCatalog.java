package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The framework rules, loaded from {@code frameworks.json} and ordered by priority (highest first). */
public final class FrameworkCatalog {

    private final List<FrameworkRule> rules;

    private FrameworkCatalog(List<FrameworkRule> rules) {
        this.rules = rules.stream().sorted(Comparator.comparingInt(FrameworkRule::priority).reversed()).toList();
    }

    /** The catalog shipped with the engine. */
    public static FrameworkCatalog bundled() {
        try (InputStream in = FrameworkCatalog.class.getResourceAsStream("frameworks.json")) {
            if (in == null) {
                throw new IllegalStateException("frameworks.json is missing from the engine");
            }
            JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
            JsonNode frameworks = json.readTree(in).required("frameworks");
            return new FrameworkCatalog(json.treeToValue(frameworks,
                    json.getTypeFactory().constructCollectionType(List.class, FrameworkRule.class)));
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read frameworks.json", ex);
        }
    }

    public List<FrameworkRule> rules() {
        return rules;
    }
}
