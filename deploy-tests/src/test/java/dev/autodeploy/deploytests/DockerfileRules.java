package dev.autodeploy.deploytests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules every AutoDeploy Dockerfile follows, checked on its text: hadolint is not reachable from this build
 * (no binary, no Docker engine to run its image), so these few rules stand in for it.
 */
final class DockerfileRules {

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL).*");

    private DockerfileRules() {
    }

    /** One instruction: its keyword in upper case and its arguments, continuation lines joined. */
    record Instruction(String keyword, String arguments) {
    }

    static List<Instruction> parse(String dockerfile) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\\R")) {
            String trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (!current.isEmpty() && trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String text = current.toString().strip();
            current.setLength(0);
            int space = text.indexOf(' ');
            instructions.add(space < 0
                    ? new Instruction(text.toUpperCase(Locale.ROOT), "")
                    : new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT), text.substring(space + 1).strip()));
        }
        return instructions;
    }

    /** What is wrong with the Dockerfile of a server listening on {@code port}; empty when nothing is. */
    static List<String> violations(String dockerfile, int port) {
        List<Instruction> all = parse(dockerfile);
        List<String> violations = new ArrayList<>();
        Set<String> stages = new java.util.HashSet<>();
        int lastFrom = -1;
        for (int i = 0; i < all.size(); i++) {
            Instruction instruction = all.get(i);
            switch (instruction.keyword()) {
                case "FROM" -> {
                    lastFrom = i;
                    String[] words = instruction.arguments().split("\\s+");
                    String image = words[0].startsWith("--platform") && words.length > 1 ? words[1] : words[0];
                    if (words.length >= 3 && words[words.length - 2].equalsIgnoreCase("AS")) {
                        stages.add(words[words.length - 1].toLowerCase(Locale.ROOT));
                    }
                    if (!stages.contains(image.toLowerCase(Locale.ROOT)) || image.contains(":")) {
                        String pinning = pinning(image);
                        if (pinning != null) {
                            violations.add("FROM " + image + ": " + pinning);
                        }
                    }
                }
                case "ADD" -> {
                    if (instruction.arguments().matches("(?is).*\\b(https?|ftp)://.*")) {
                        violations.add("ADD of a URL (download in a RUN step with a checksum instead): " + instruction.arguments());
                    }
                }
                case "ENV", "ARG" -> {
                    for (String name : names(instruction)) {
                        if (SECRET_NAME.matcher(name).matches()) {
                            violations.add(instruction.keyword() + " " + name + " looks like a secret baked into the image");
                        }
                    }
                }
                default -> {
                }
            }
        }
        if (lastFrom < 0) {
            violations.add("no FROM");
            return violations;
        }
        List<Instruction> last = all.subList(lastFrom, all.size());
        List<String> users = last.stream().filter(i -> i.keyword().equals("USER")).map(Instruction::arguments).toList();
        if (users.isEmpty()) {
            violations.add("the final stage has no USER: the container would run as root");
        }
        else {
            String user = users.getLast().split(":")[0];
            if (user.equals("root") || user.equals("0")) {
                violations.add("the final stage runs as " + users.getLast());
            }
        }
        if (last.stream().noneMatch(i -> i.keyword().equals("HEALTHCHECK") && !i.arguments().equalsIgnoreCase("NONE"))) {
            violations.add("the final stage has no HEALTHCHECK");
        }
        List<String> exposed = last.stream().filter(i -> i.keyword().equals("EXPOSE"))
                .flatMap(i -> List.of(i.arguments().split("\\s+")).stream()).map(p -> p.replace("/tcp", "")).toList();
        if (!exposed.equals(List.of(String.valueOf(port)))) {
            violations.add("EXPOSE " + exposed + " instead of the server's port " + port);
        }
        return violations;
    }

    /** Why an image reference is not pinned, or null when it is. */
    static String pinning(String image) {
        if (image.contains("@sha256:")) {
            return null;
        }
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        int colon = lastSegment.indexOf(':');
        if (colon < 0) {
            return "no tag (means latest)";
        }
        String tag = lastSegment.substring(colon + 1);
        if (tag.equals("latest") || tag.isBlank() || tag.contains("$")) {
            return "tag " + tag + " is not a pinned version";
        }
        return null;
    }

    private static List<String> names(Instruction instruction) {
        List<String> names = new ArrayList<>();
        Matcher matcher = Pattern.compile("(?:^|\\s)([A-Za-z_][A-Za-z0-9_]*)(?==|\\s|$)").matcher(instruction.arguments());
        if (!instruction.arguments().contains("=")) {
            names.add(instruction.arguments().split("\\s+")[0]);
            return names;
        }
        Matcher pairs = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)").matcher(instruction.arguments());
        while (pairs.find()) {
            names.add(pairs.group(1));
        }
        return names.isEmpty() && matcher.find() ? List.of(matcher.group(1)) : names;
    }
}
