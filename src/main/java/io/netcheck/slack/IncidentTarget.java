package io.netcheck.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code --to #channel} on a check: where the evidence goes besides the channel the check was typed in.
 * Slack sends a channel picked from its autocomplete as {@code <#C0123|name>} (the manifest sets
 * should_escape), which {@link SlackText} keeps as {@code <#C0123>}; a bare id works too.
 *
 * @param words   the command without {@code --to} and its value
 * @param channel the incident channel's id, or null
 */
record IncidentTarget(List<String> words, String channel) {
    private static final Pattern ID = Pattern.compile("[CG][A-Z0-9]{2,20}");

    /** @throws IllegalArgumentException with a message for the user when --to is malformed */
    static IncidentTarget split(List<String> words) {
        List<String> rest = new ArrayList<>();
        String channel = null;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.equals("--to") && !w.startsWith("--to=")) {
                rest.add(w);
                continue;
            }
            String value = w.startsWith("--to=") ? w.substring(5) : i + 1 < words.size() ? words.get(++i) : "";
            if (channel != null) {
                throw new IllegalArgumentException("--to given twice: one incident channel per check");
            }
            channel = channelId(value);
        }
        return new IncidentTarget(List.copyOf(rest), channel);
    }

    static String channelId(String value) {
        String v = value.strip();
        if (v.startsWith("<#") && v.endsWith(">")) {
            v = v.substring(2, v.length() - 1);
        }
        if (ID.matcher(v).matches()) {
            return v;
        }
        if (v.isEmpty()) {
            throw new IllegalArgumentException("--to needs a channel: --to #inc-4711");
        }
        throw new IllegalArgumentException("--to '" + SlackBlocks.esc(SlackBlocks.truncate(v, 60)) + "' is not a channel "
                + "Slack knows: pick it from the autocomplete as you type #, so Slack sends the channel's id");
    }
}
