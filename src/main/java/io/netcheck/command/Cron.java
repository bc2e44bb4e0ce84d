package io.netcheck.command;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * A summary schedule: 5-field Unix cron ({@code 0 9 * * MON-FRI}) or 6-field with seconds first
 * ({@code 0 0 9 * * MON-FRI}, the Spring/Quarkus form).
 */
public final class Cron {
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser WITH_SECONDS =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

    private final String text;
    private final ExecutionTime times;
    private final String description;

    private Cron(String text, ExecutionTime times, String description) {
        this.text = text;
        this.times = times;
        this.description = description;
    }

    /** @throws IllegalArgumentException naming what is wrong with the expression */
    public static Cron parse(String text) {
        String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (t.isEmpty() || t.length() > 100) {
            throw new IllegalArgumentException("a cron schedule has 5 fields, e.g. \"0 9 * * MON-FRI\"");
        }
        int fields = t.split(" ").length;
        CronParser parser = switch (fields) {
            case 5 -> UNIX;
            case 6 -> WITH_SECONDS;
            default -> throw new IllegalArgumentException("'" + Targets.shown(t) + "' has " + fields + " fields; a "
                    + "cron schedule has 5 (minute hour day month weekday), e.g. \"0 9 * * MON-FRI\"");
        };
        try {
            var cron = parser.parse(t);
            cron.validate();
            String described;
            try {
                described = CronDescriptor.instance(Locale.UK).describe(cron);
            } catch (RuntimeException e) {
                described = t;
            }
            return new Cron(t, ExecutionTime.forCron(cron), described);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + Targets.shown(t) + "' is not a valid cron schedule: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The latest time the schedule fired at or before {@code now}. */
    public Optional<Instant> lastAtOrBefore(Instant now, ZoneId zone) {
        ZonedDateTime z = now.atZone(zone);
        Optional<Instant> next = times.nextExecution(z.minusSeconds(1)).map(ZonedDateTime::toInstant);
        if (next.isPresent() && !next.get().isAfter(now)) {
            return next; // fires exactly now
        }
        return times.lastExecution(z).map(ZonedDateTime::toInstant);
    }

    public Optional<Instant> nextAfter(Instant now, ZoneId zone) {
        return times.nextExecution(now.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    /** The shortest gap between firings over the next week, to refuse schedules that would flood a channel. */
    public Duration shortestGap(Instant from, ZoneId zone) {
        Duration shortest = Duration.ofDays(3650);
        Instant t = nextAfter(from, zone).orElse(null);
        Instant end = from.plus(Duration.ofDays(8));
        for (int i = 0; t != null && t.isBefore(end) && i < 2000; i++) {
            Instant n = nextAfter(t, zone).orElse(null);
            if (n != null) {
                Duration gap = Duration.between(t, n);
                shortest = gap.compareTo(shortest) < 0 ? gap : shortest;
            }
            t = n;
        }
        return shortest;
    }

    public String text() {
        return text;
    }

    /** In words, e.g. "at 09:00 every day between Monday and Friday". */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return text;
    }
}
