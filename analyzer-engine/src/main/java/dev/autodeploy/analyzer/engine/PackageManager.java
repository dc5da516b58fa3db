package dev.autodeploy.analyzer.engine;

import java.util.List;

/**
 * A package manager the engine recognises and the command that installs a project's dependencies
 * with it (reproducibly, from the lock file, where the tool has such a mode).
 *
 * @param name stable id, e.g. {@code pnpm}
 * @param ecosystem {@code node}, {@code python}, {@code ruby}, {@code php}, {@code go}, {@code rust},
 *        {@code java}, {@code elixir}, {@code dotnet}
 * @param installCommand how to install dependencies
 * @param markers files whose presence in a directory names this manager, strongest first
 */
public record PackageManager(String name, String ecosystem, String installCommand, List<String> markers) {
}
