package dev.autodeploy.deployer.release;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The database migration level of a checkout: the highest entry of the project's migrations directory. Flyway
 * versioned migrations ({@code V<version>__<description>}) are ordered by version, numerically part by part
 * ({@code V10__} after {@code V9__}, {@code V1.2__} after {@code V1.1__}); any other layout (Prisma's
 * {@code 20240101120000_init/} directories — only directories count when there are some —, Rails' timestamped
 * files) by name. Repeatable and undo migrations
 * ({@code R__}, {@code U<version>__}) are not levels.
 */
final class MigrationLevels {

    private static final Pattern FLYWAY = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*");

    private MigrationLevels() {
    }

    /** The level of the checkout, empty when the directory is missing, outside the checkout or empty. */
    static Optional<String> of(Path checkout, String migrationsPath) {
        if (checkout == null || migrationsPath == null || migrationsPath.isBlank()) {
            return Optional.empty();
        }
        Path root = checkout.toAbsolutePath().normalize();
        Path directory = root.resolve(migrationsPath.strip()).normalize();
        if (!directory.startsWith(root) || !Files.isDirectory(directory)) {
            return Optional.empty();
        }
        List<String> names;
        try (Stream<Path> entries = Files.list(directory)) {
            List<Path> visible = entries.filter(entry -> !entry.getFileName().toString().startsWith(".")).toList();
            // Migrations as directories (Prisma) sit next to files that are not migrations (its lock file).
            List<Path> directories = visible.stream().filter(Files::isDirectory).toList();
            boolean flyway = visible.stream().anyMatch(entry -> FLYWAY.matcher(entry.getFileName().toString()).matches());
            names = (directories.isEmpty() || flyway ? visible : directories).stream()
                    .map(entry -> entry.getFileName().toString()).toList();
        }
        catch (IOException ex) {
            return Optional.empty();
        }
        List<String> flyway = names.stream().filter(name -> FLYWAY.matcher(name).matches()).toList();
        List<String> levels = flyway.isEmpty()
                ? names.stream().filter(name -> !name.startsWith("R__") && !name.matches("U\\d.*__.*")).toList()
                : flyway;
        return levels.stream().max(MigrationLevels::compare);
    }

    /** Orders two levels: by Flyway version when both are Flyway migrations, else by name. */
    static int compare(String a, String b) {
        Matcher left = FLYWAY.matcher(a);
        Matcher right = FLYWAY.matcher(b);
        if (left.matches() && right.matches()) {
            String[] x = left.group(1).split("[._]");
            String[] y = right.group(1).split("[._]");
            for (int i = 0; i < Math.max(x.length, y.length); i++) {
                BigInteger p = i < x.length ? new BigInteger(x[i]) : BigInteger.ZERO;
                BigInteger q = i < y.length ? new BigInteger(y[i]) : BigInteger.ZERO;
                int order = p.compareTo(q);
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        }
        return Comparator.<String>naturalOrder().compare(a, b);
    }
}
