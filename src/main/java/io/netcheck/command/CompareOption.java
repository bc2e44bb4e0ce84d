package io.netcheck.command;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --compare} on a check, the same for the CLI and Slack: compare the result with the target's last
 * healthy one ("what changed since it last worked"). Taken off before the check's own parser sees the words.
 *
 * @param words the command without {@code --compare}
 */
public record CompareOption(boolean compare, List<String> words) {
    public static final String FLAG = "--compare";

    public static CompareOption split(List<String> words) {
        List<String> rest = new ArrayList<>(words.size());
        boolean compare = false;
        for (String w : words) {
            if (w.equals(FLAG)) {
                compare = true;
            } else {
                rest.add(w);
            }
        }
        return new CompareOption(compare, List.copyOf(rest));
    }
}
