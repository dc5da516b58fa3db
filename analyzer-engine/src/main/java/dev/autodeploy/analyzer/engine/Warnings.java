package dev.autodeploy.analyzer.engine;

import java.util.ArrayList;
import java.util.List;

/** What an analysis could not look at or understand, collected without duplicates, in order. */
public final class Warnings {

    private final List<String> messages = new ArrayList<>();

    public void add(String message) {
        if (!messages.contains(message)) {
            messages.add(message);
        }
    }

    public List<String> list() {
        return List.copyOf(messages);
    }
}
