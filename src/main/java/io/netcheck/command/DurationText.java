package io.netcheck.command;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as people type them: {@code 3s}, {@code 500ms}, {@code 1.5s}, {@code 2m}. */
public final class DurationText {
    private static final Pattern FORM = Pattern.compile("([0-9]{1,6}(?:\\.[0-9]{1,3})?)(ms|s|m)");

    private DurationText() {
    }

    public static Duration parse(String text, String option) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " '" + Targets.shown(String.valueOf(text))
                    + "' is not a duration: use e.g. 500ms, 3s or 1.5s");
        }
        BigDecimal n = new BigDecimal(m.group(1));
        BigDecimal millis = switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n.multiply(BigDecimal.valueOf(1000));
            default -> n.multiply(BigDecimal.valueOf(60_000));
        };
        return Duration.ofMillis(millis.longValue());
    }
}
