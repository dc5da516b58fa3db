package dev.autodeploy.analyzer.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlFactory;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Reads a repository's TOML files ({@code pyproject.toml}, {@code Pipfile}, {@code Cargo.toml},
 * {@code rust-toolchain.toml}, Gradle's {@code libs.versions.toml}) with Jackson's TOML module, so callers
 * navigate {@link JsonNode}s. The file is untrusted: a malformed one becomes a warning naming the file and,
 * where Jackson knows it, the line and column — never an exception, never the file's content — and Jackson's
 * {@link StreamReadConstraints} bound nesting and lengths so a hostile file cannot exhaust the stack or memory.
 *
 * <p>Jackson reads TOML 1.0 and rejects the whole file on the first error (as Cargo, Poetry or Gradle would);
 * values keep their TOML types (numbers, booleans; dates and times stay strings).
 */
final class Toml {

    /** Tables, dotted keys, arrays and inline tables nested deeper than this are refused. */
    static final int MAX_NESTING = 32;

    /**
     * A manifest is small: the tree never reads a file above {@link TreeLimits#maxFileBytes()} (1 MiB by
     * default). These bounds hold even when a caller raises that limit.
     */
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING)
            .maxDocumentLength(4_000_000)
            .maxStringLength(1_000_000)
            .maxNameLength(10_000)
            .maxNumberLength(100)
            .build();

    private static final TomlMapper MAPPER = TomlMapper.builder(TomlFactory.builder().streamReadConstraints(LIMITS)
            .build()).build();

    /** Jackson quotes an unreadable number ({@code ('123…')}): cut from there, the file's text stays out. */
    private static final Pattern QUOTED_INPUT = Pattern.compile("\\s*\\(['\"`].*", Pattern.DOTALL);
    /** {@code , from `StreamReadConstraints.getMaxNestingDepth()`}: an API name, not news to the reader. */
    private static final Pattern CONSTRAINT_SOURCE = Pattern.compile(",\\s*from `[^`]*`");
    private static final int MAX_REASON = 120;

    private Toml() {
    }

    /**
     * The document {@code text} as an object node (an empty file is an empty object), or empty after adding
     * a warning {@code <file> is not valid TOML (line L, column C: reason); it was ignored}.
     */
    static Optional<JsonNode> parse(String text, String file, Warnings warnings) {
        String source = text == null ? "" : text;
        if (source.startsWith("\uFEFF")) {
            source = source.substring(1); // a byte order mark some editors write; not part of the document
        }
        try {
            return Optional.of(MAPPER.readTree(source));
        }
        catch (JacksonException ex) {
            warnings.add(file + " is not valid TOML (" + where(ex.getLocation()) + reason(ex.getOriginalMessage())
                    + "); it was ignored");
        }
        catch (RuntimeException ex) {
            // Untrusted input must not end the analysis, even through a fault of the parser itself.
            warnings.add(file + " is not valid TOML (the TOML reader failed: " + ex.getClass().getSimpleName()
                    + "); it was ignored");
        }
        return Optional.empty();
    }

    /** {@code node}'s text when it is a TOML string, else null (also for a missing node). */
    static String string(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    /** The strings of an array, other items skipped; empty when {@code node} is no array. */
    static List<String> strings(JsonNode node) {
        List<String> strings = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode item : node) {
                if (item.isString()) {
                    strings.add(item.stringValue());
                }
            }
        }
        return strings;
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return "line " + location.getLineNr() + (location.getColumnNr() > 0 ? ", column " + location.getColumnNr() : "")
                + ": ";
    }

    private static String reason(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable";
        }
        String reason = CONSTRAINT_SOURCE.matcher(QUOTED_INPUT.matcher(message).replaceFirst("")).replaceAll("");
        reason = reason.lines().findFirst().orElse("").strip().replaceAll("\\p{Cntrl}", "?");
        if (reason.isEmpty()) {
            return "unreadable";
        }
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason;
    }
}
