package dev.autodeploy.analyzer.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.autodeploy.analyzer.engine.Analysis;
import dev.autodeploy.analyzer.repository.RepositorySummary;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Converts between the engine's {@link Analysis}, the table's columns and the API's views. */
@Component
class AnalysisJson {

    private final JsonMapper json;

    AnalysisJson(JsonMapper json) {
        this.json = json;
    }

    RepositoryAnalysis.Result result(Analysis analysis) {
        Analysis.Framework framework = analysis.framework();
        return new RepositoryAnalysis.Result(
                framework == null ? null : cut(framework.id(), 100),
                framework == null ? null : cut(framework.name(), 100),
                framework == null ? null : cut(framework.version(), 50),
                framework == null ? null : cut(framework.kind(), 20),
                framework == null ? null : BigDecimal.valueOf(framework.confidence()).setScale(2, RoundingMode.HALF_UP)
                        .max(BigDecimal.ZERO).min(BigDecimal.ONE),
                cut(analysis.language(), 100), cut(analysis.packageManager(), 50), analysis.monorepo(),
                analysis.rootDirectory(),
                write(buildConfiguration(analysis.buildConfiguration())), write(analysis.dependencies()),
                write(analysis.environmentVariables()), write(analysis.recommendations()), write(analysis.apps()),
                write(analysis.evidence()), write(analysis.warnings()));
    }

    /** The commands keyed by name, with seed 001's {@code nodeVersion} beside the runtime version for Node. */
    private JsonNode buildConfiguration(Analysis.BuildConfiguration configuration) {
        if (configuration == null) {
            return null;
        }
        ObjectNode node = json.valueToTree(configuration);
        if ("node".equalsIgnoreCase(configuration.runtime()) && configuration.runtimeVersion() != null) {
            node.put("nodeVersion", configuration.runtimeVersion());
        }
        return node;
    }

    /** {@code buildConfiguration} as the {@code AnalysisCompleted} event carries it: the non-null entries. */
    static Map<String, String> commands(Analysis.BuildConfiguration configuration) {
        Map<String, String> commands = new LinkedHashMap<>();
        if (configuration != null) {
            put(commands, "installCommand", configuration.installCommand());
            put(commands, "buildCommand", configuration.buildCommand());
            put(commands, "startCommand", configuration.startCommand());
            put(commands, "devCommand", configuration.devCommand());
            put(commands, "outputDirectory", configuration.outputDirectory());
            put(commands, "runtime", configuration.runtime());
            put(commands, "runtimeVersion", configuration.runtimeVersion());
        }
        return commands;
    }

    private static void put(Map<String, String> target, String key, String value) {
        if (value != null) {
            target.put(key, value);
        }
    }

    AnalysisApi.AnalysisView view(RepositoryAnalysis analysis, RepositorySummary repository) {
        AnalysisApi.FrameworkView framework = analysis.frameworkName() == null ? null
                : new AnalysisApi.FrameworkView(analysis.frameworkId(), analysis.frameworkName(),
                        analysis.frameworkVersion(),
                        analysis.confidenceScore() == null ? null : analysis.confidenceScore().doubleValue(),
                        analysis.frameworkKind());
        return new AnalysisApi.AnalysisView(analysis.id(),
                new AnalysisApi.RepositoryRef(repository.id(), repository.fullName(), repository.defaultBranch()),
                analysis.status(), analysis.branch(), analysis.commitSha(), analysis.engineVersion(), framework,
                analysis.language(), analysis.packageManager(), read(analysis.buildConfig()),
                read(analysis.environmentVariables()), read(analysis.dependencies()), read(analysis.recommendations()),
                analysis.monorepo(), analysis.rootDirectory(), read(analysis.apps()), read(analysis.evidence()),
                read(analysis.warnings()),
                analysis.failureReason(), analysis.createdAt(), analysis.startedAt(), analysis.completedAt());
    }

    String write(Object value) {
        return value == null ? null : json.writeValueAsString(value);
    }

    AnalysisApi.AnalysisView readView(String text) {
        return json.readValue(text, AnalysisApi.AnalysisView.class);
    }

    private JsonNode read(String text) {
        return text == null ? null : json.readTree(text);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
