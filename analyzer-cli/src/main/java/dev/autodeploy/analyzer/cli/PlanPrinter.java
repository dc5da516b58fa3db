package dev.autodeploy.analyzer.cli;

import java.io.PrintStream;
import java.util.List;

import dev.autodeploy.analyzer.engine.Analysis;
import dev.autodeploy.analyzer.engine.Evidence;

/** Prints an analysis for people: the plan first, then variables, apps, evidence and warnings. */
final class PlanPrinter {

    private final PrintStream out;

    PlanPrinter(PrintStream out) {
        this.out = out;
    }

    void print(String target, Analysis analysis) {
        out.println("AutoDeploy analysis of " + target);
        out.println("engine " + analysis.engineVersion());
        out.println();
        Analysis.Framework framework = analysis.framework();
        row("Framework", framework == null ? "none recognised"
                : framework.name() + (framework.version() == null ? "" : " " + framework.version())
                        + " (" + framework.kind() + ", confidence " + framework.confidence() + ")");
        if (!analysis.rootDirectory().isEmpty()) {
            row("Directory", analysis.rootDirectory() + " (commands run there)");
        }
        row("Language", analysis.language());
        row("Package manager", analysis.packageManager());
        Analysis.BuildConfiguration build = analysis.buildConfiguration();
        if (build != null) {
            row("Runtime", build.runtime() == null ? null
                    : build.runtime() + (build.runtimeVersion() == null ? "" : " " + build.runtimeVersion()));
            out.println();
            row("Install", build.installCommand());
            row("Build", build.buildCommand());
            row("Start", build.startCommand());
            row("Dev", build.devCommand());
            row("Output", build.outputDirectory());
        }
        List<Analysis.EnvironmentVariable> variables = analysis.environmentVariables();
        out.println();
        out.println("Environment variables (" + variables.size() + ")");
        int width = variables.stream().mapToInt(v -> v.key().length()).max().orElse(0);
        for (Analysis.EnvironmentVariable variable : variables) {
            out.printf("  %-" + width + "s  %-8s  %-19s  %s%s%n", variable.key(),
                    variable.required() ? "required" : "optional", variable.type(), variable.source(),
                    variable.description() == null ? "" : "  " + variable.description());
        }
        if (analysis.dependencies() != null) {
            out.println();
            out.println("Dependencies: " + analysis.dependencies().production().size() + " production, "
                    + analysis.dependencies().development().size() + " development");
        }
        Analysis.Recommendations recommendations = analysis.recommendations();
        if (recommendations != null) {
            out.println();
            out.println("Recommendation: " + (recommendations.provider() == null ? "none" : recommendations.provider())
                    + (recommendations.database() == null ? "" : ", database " + recommendations.database())
                    + (recommendations.estimatedCost() == null ? ""
                            : ", about " + recommendations.estimatedCost().monthly().toPlainString() + " "
                                    + recommendations.estimatedCost().currency() + "/month"));
            recommendations.reasons().forEach(reason -> out.println("  - " + reason));
        }
        if (analysis.apps().size() > 1) {
            out.println();
            out.println("Projects (" + analysis.apps().size() + (analysis.monorepo() ? ", monorepo" : "")
                    + "; the first is the one above)");
            for (Analysis.App app : analysis.apps()) {
                out.printf("  %-28s %-8s %-26s %s%n", app.directory().isEmpty() ? "." : app.directory(), app.role(),
                        app.framework() == null ? "-" : app.framework().name(),
                        app.packageManager() == null ? "" : app.packageManager());
            }
        }
        if (!analysis.evidence().isEmpty()) {
            out.println();
            out.println("Evidence");
            for (Evidence evidence : analysis.evidence()) {
                out.println("  " + evidence.conclusion() + "  <-  " + evidence.file()
                        + (evidence.detail() == null ? "" : " (" + evidence.detail() + ")"));
            }
        }
        if (!analysis.warnings().isEmpty()) {
            out.println();
            out.println("Warnings");
            analysis.warnings().forEach(warning -> out.println("  - " + warning));
        }
    }

    private void row(String label, String value) {
        out.printf("  %-16s %s%n", label, value == null ? "-" : value);
    }
}
