package dev.autodeploy.deployer.release;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationLevelsTests {

    @TempDir
    Path checkout;

    @Test
    void flywayVersionsAreOrderedNumericallyPartByPart() throws IOException {
        Path migrations = Files.createDirectories(checkout.resolve("db/migration"));
        for (String name : new String[] {"V1__init.sql", "V2__users.sql", "V9__index.sql", "V10__audit.sql",
                "V10_1__fix.sql", "R__views.sql", "README.md"}) {
            Files.writeString(migrations.resolve(name), "--");
        }

        assertThat(MigrationLevels.of(checkout, "db/migration")).contains("V10_1__fix.sql");
        assertThat(MigrationLevels.compare("V9__a.sql", "V10__b.sql")).isNegative();
        assertThat(MigrationLevels.compare("V1.2__a.sql", "V1.10__b.sql")).isNegative();
        assertThat(MigrationLevels.compare("V3__a.sql", "V3__b.sql")).isZero();
    }

    @Test
    void otherLayoutsTakeTheLastDirectoryOrFileInSortedOrder() throws IOException {
        Path migrations = Files.createDirectories(checkout.resolve("prisma/migrations"));
        Files.createDirectories(migrations.resolve("20240101120000_init"));
        Files.createDirectories(migrations.resolve("20240305090000_add_posts"));
        Files.writeString(migrations.resolve("migration_lock.toml"), "provider = \"postgresql\"");
        Files.createDirectories(migrations.resolve(".hidden"));

        assertThat(MigrationLevels.of(checkout, "prisma/migrations")).contains("20240305090000_add_posts");
    }

    @Test
    void noLevelWithoutTheDirectoryOrOutsideTheCheckout() throws IOException {
        assertThat(MigrationLevels.of(checkout, "db/migration")).isEmpty();
        assertThat(MigrationLevels.of(checkout, null)).isEmpty();
        Files.createDirectories(checkout.getParent().resolve("elsewhere-" + checkout.getFileName()));
        assertThat(MigrationLevels.of(checkout, "../elsewhere-" + checkout.getFileName())).isEmpty();
        Files.createDirectories(checkout.resolve("db/migration"));
        assertThat(MigrationLevels.of(checkout, "db/migration")).isEmpty();
    }
}
