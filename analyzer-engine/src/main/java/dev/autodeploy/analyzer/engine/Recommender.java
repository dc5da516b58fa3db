package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recommends a deploy target, a database and a monthly cost for the primary app, from
 * {@code recommendations.json}: provider rules matched by framework id, kind or a Dockerfile, database
 * rules matched by declared dependencies, and the list prices of each provider's smallest paid or
 * free plan. Estimates, not quotes: the file says where each price comes from.
 */
public final class Recommender {

    record ProviderRule(String provider, List<String> frameworks, String kind, Boolean dockerfile, String reason) {
    }

    record DatabaseRule(String database, List<String> dependencies, List<String> connectionStrings) {
    }

    record Price(BigDecimal monthly, String currency, String plan) {
    }

    record Catalog(List<ProviderRule> providers, List<DatabaseRule> databases, Map<String, Price> prices) {
    }

    private final Catalog catalog;

    Recommender(Catalog catalog) {
        this.catalog = catalog;
    }

    public static Recommender bundled() {
        try (InputStream in = Recommender.class.getResourceAsStream("recommendations.json")) {
            if (in == null) {
                throw new IllegalStateException("recommendations.json is missing from the engine");
            }
            JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
            return new Recommender(json.readValue(in, Catalog.class));
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read recommendations.json", ex);
        }
    }

    /** The recommendation for {@code primary}, or for nothing recognised when it is null. */
    Analysis.Recommendations recommend(ProjectAnalyzer.Project primary) {
        if (primary == null) {
            return new Analysis.Recommendations(null, null, null,
                    List.of("Nothing deployable was recognised; add a manifest or a Dockerfile"));
        }
        List<String> reasons = new ArrayList<>();
        Analysis.App app = primary.app();
        String frameworkId = app.framework() == null ? null : app.framework().id();
        String kind = app.framework() == null ? "server" : app.framework().kind();
        String prefix = app.directory().isEmpty() ? "" : app.directory() + "/";
        boolean dockerfile = primary.manifests().stream().anyMatch(m -> m.file().equals(prefix + "Dockerfile"))
                || app.evidence().stream().anyMatch(e -> e.file() != null && e.file().equals(prefix + "Dockerfile"));
        String provider = null;
        for (ProviderRule rule : catalog.providers()) {
            boolean matches = (rule.frameworks() == null || rule.frameworks().contains(frameworkId))
                    && (rule.kind() == null || rule.kind().equals(kind))
                    && (rule.dockerfile() == null || rule.dockerfile() == dockerfile);
            if (matches) {
                provider = rule.provider();
                reasons.add(rule.reason());
                break;
            }
        }
        String database = null;
        for (DatabaseRule rule : catalog.databases()) {
            String dependency = rule.dependencies().stream().filter(primary.manifest()::declares).findFirst()
                    .orElse(null);
            if (dependency != null) {
                database = rule.database();
                reasons.add("Declares " + dependency + ", so it expects a " + database + " database");
                break;
            }
        }
        if (database == null) {
            database = fromConnectionStrings(app.environmentVariables(), reasons);
        }
        Price price = provider == null ? null : catalog.prices().get(provider);
        Analysis.EstimatedCost cost = null;
        if (price != null && price.monthly() != null) {
            cost = new Analysis.EstimatedCost(price.monthly(), price.currency());
            reasons.add("Estimated cost: " + provider + " " + price.plan() + " list price, compute only");
        }
        return new Analysis.Recommendations(provider, database, cost, List.copyOf(reasons));
    }

    /** The database a variable's example value names (e.g. {@code DATABASE_URL=postgres://…}), when no dependency did. */
    private String fromConnectionStrings(List<Analysis.EnvironmentVariable> variables, List<String> reasons) {
        for (DatabaseRule rule : catalog.databases()) {
            if (rule.connectionStrings() == null) {
                continue;
            }
            for (String kind : rule.connectionStrings()) {
                String description = EnvSighting.ValueKind.valueOf(kind).description;
                for (Analysis.EnvironmentVariable variable : variables) {
                    if ("database_connection".equals(variable.type()) && description.equals(variable.description())) {
                        reasons.add(variable.key() + " is a " + description + ", so it expects a " + rule.database()
                                + " database");
                        return rule.database();
                    }
                }
            }
        }
        return null;
    }
}
