package dev.autodeploy.deploytests;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * config-repo's profile documents: where a file has any of {@code local}, {@code docker}, {@code kubernetes}, it has
 * all three, and they set the same keys — a setting one way of running needs is never missing from another.
 */
class ConfigProfileTests {

    private static final List<String> PROFILES = List.of("local", "docker", "kubernetes");

    @Test
    void everyRunProfileSetsTheSameKeysInEveryFile() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(RepositoryFiles.root().resolve("config-repo"))) {
            files = listing.filter(file -> file.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        int checked = 0;
        for (Path file : files) {
            Map<String, Set<String>> keys = profileKeys(file);
            if (keys.isEmpty()) {
                continue;
            }
            assertThat(keys.keySet()).as("profile documents of %s", file.getFileName())
                    .containsExactlyInAnyOrderElementsOf(PROFILES);
            for (String profile : PROFILES) {
                assertThat(keys.get(profile)).as("keys of profile %s in %s", profile, file.getFileName())
                        .isEqualTo(keys.get("local"));
            }
            checked++;
        }
        assertThat(checked).as("files with profile documents").isGreaterThanOrEqualTo(4);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Set<String>> profileKeys(Path file) throws IOException {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (!(document instanceof Map<?, ?> map)) {
                    continue;
                }
                Set<String> flat = new TreeSet<>();
                flatten("", (Map<String, Object>) map, flat);
                String profile = flat.contains("spring.config.activate.on-profile")
                        ? (String) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) map
                                .get("spring")).get("config")).get("activate")).get("on-profile")
                        : null;
                if (profile != null && PROFILES.contains(profile)) {
                    flat.remove("spring.config.activate.on-profile");
                    keys.put(profile, flat);
                }
            }
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Set<String> into) {
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name, (Map<String, Object>) nested, into);
            }
            else {
                into.add(name);
            }
        });
    }
}
