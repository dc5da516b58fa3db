package dev.autodeploy.analyzer.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the string items of one top-level list in a simple YAML file (such as
 * {@code pnpm-workspace.yaml}'s {@code packages:}) without a YAML library: block items
 * ({@code - 'apps/*'}) and a flow list ({@code [a, b]}). Anything else is ignored.
 */
public final class YamlLists {

    private YamlLists() {
    }

    public static List<String> items(String yaml, String key) {
        List<String> items = new ArrayList<>();
        boolean inList = false;
        for (String line : yaml.lines().toList()) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            if (!line.startsWith(" ") && !line.startsWith("\t") && !line.startsWith("-")) {
                inList = false;
                if (stripped.startsWith(key + ":")) {
                    String rest = stripped.substring(key.length() + 1).strip();
                    if (rest.startsWith("[") && rest.endsWith("]")) {
                        for (String item : rest.substring(1, rest.length() - 1).split(",")) {
                            add(items, item);
                        }
                    }
                    else {
                        inList = rest.isEmpty();
                    }
                }
                continue;
            }
            if (inList && stripped.startsWith("- ")) {
                add(items, stripped.substring(2));
            }
        }
        return items;
    }

    private static void add(List<String> items, String raw) {
        String item = raw.strip();
        int comment = item.indexOf(" #");
        if (comment >= 0) {
            item = item.substring(0, comment).strip();
        }
        if (item.length() >= 2 && (item.startsWith("'") && item.endsWith("'")
                || item.startsWith("\"") && item.endsWith("\""))) {
            item = item.substring(1, item.length() - 1);
        }
        if (!item.isEmpty()) {
            items.add(item);
        }
    }
}
