package io.netcheck.command;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as people type them: {@code 3s}, {@code 500ms}, {@code 1.5s}, {@code 2m}, {@code 1h}, {@code 1d}. */
public final class DurationText {
    private static final Pattern FORM = Pattern.compile("([0-9]{1,6}(?:\\.[0-9]{1,3})?)(ms|s|m|h|d)");

    private DurationText() {
    }

    public static Duration parse(String text, String option) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " '" + Targets.shown(String.valueOf(text))
                    + "' is not a duration: use e.g. 500ms, 3s, 1.5s, 5m or 1h");
        }
        BigDecimal n = new BigDecimal(m.group(1));
        BigDecimal millis = switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n.multiply(BigDecimal.valueOf(1000));
            case "m" -> n.multiply(BigDecimal.valueOf(60_000));
            case "h" -> n.multiply(BigDecimal.valueOf(3_600_000));
            default -> n.multiply(BigDecimal.valueOf(86_400_000));
        };
        return Duration.ofMillis(millis.longValue());
    }

    /** The shortest exact form: 90s → "90s", 300s → "5m", 3600s → "1h". */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
