package dev.autodeploy.analyzer.engine;

/**
 * Why the engine concluded something: the file (and, where it matters, the entry in it) that
 * decided it. Every conclusion of an analysis carries its evidence.
 *
 * @param conclusion what was concluded, e.g. {@code packageManager=pnpm}
 * @param file the file that decided it, relative to the repository root
 * @param detail the entry or reason within that file, e.g. {@code lock file} or {@code dependency next@14.2.3}
 */
public record Evidence(String conclusion, String file, String detail) {
}
