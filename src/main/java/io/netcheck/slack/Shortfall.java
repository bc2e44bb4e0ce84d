package io.netcheck.slack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What did not reach Slack while posting one report: the lines the user is told, and the capture files that
 * stay on disk because Slack does not have them (unread or not uploaded). Deciding what to delete from this
 * set, not from the wording of the lines, keeps a reworded message from deleting a capture nobody has.
 */
final class Shortfall {
    private final List<String> lines = new ArrayList<>();
    private final Set<String> unsent = new LinkedHashSet<>();

    void add(String line) {
        lines.add(line);
    }

    /** A capture file Slack did not get in one of the places it was posted to. */
    void unsent(String file, String line) {
        unsent.add(file);
        lines.add(line);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    boolean unsent(String file) {
        return unsent.contains(file);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public String toString() {
        return String.join(", ", lines);
    }
}
