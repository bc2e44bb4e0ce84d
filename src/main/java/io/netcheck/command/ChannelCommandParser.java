package io.netcheck.command;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** {@code watch ...} and {@code summary ...}: the commands that live in a Slack channel. */
final class ChannelCommandParser {
    static final String WATCH_USAGE = """
            usage: watch add CHECK [--every 5m] [--name NAME]   run CHECK on a schedule for this channel
                   watch list                                  this channel's watches and their state
                   watch remove NAME                           stop a watch
              CHECK is any check command: vip, tcp, dns, tls, http, ping, trace, mtu, listeners
              --every 5m     how often (from the configured minimum to maximum; default 5m)
              --name NAME    letters, digits, . _ - (default: made from the check's target)
            examples:
              watch add vip checkout.internal:443 --backends 10.0.1.10:443,10.0.1.11:443 --every 5m --name checkout-vip
              watch add tcp db.internal:5432 --every 1m
              watch remove checkout-vip""";

    static final String SUMMARY_USAGE = """
            usage: summary                              this channel's health summary, now
                   summary schedule "0 9 * * MON-FRI"   post it on a cron schedule (minute hour day month weekday)
                   summary schedule off                 stop posting it""";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");

    interface CheckParser {
        Command parse(List<String> words) throws UsageException;
    }

    private final WatchLimits limits;
    private final CheckParser checks;

    ChannelCommandParser(WatchLimits limits, CheckParser checks) {
        this.limits = limits;
        this.checks = checks;
    }

    Command watch(List<String> words) throws UsageException {
        if (words.isEmpty() || isHelp(words.get(0))) {
            return new Command.Help("watch");
        }
        String sub = words.get(0).toLowerCase(Locale.ROOT);
        List<String> rest = words.subList(1, words.size());
        return switch (sub) {
            case "add" -> add(rest);
            case "list", "ls" -> {
                if (!rest.isEmpty()) {
                    throw new UsageException("watch list takes no arguments", WATCH_USAGE);
                }
                yield new Command.WatchList();
            }
            case "remove", "rm", "delete" -> {
                if (rest.size() != 1) {
                    throw new UsageException("watch remove takes one watch name (see watch list)", WATCH_USAGE);
                }
                yield new Command.WatchRemove(name(rest.get(0)));
            }
            default -> throw new UsageException("unknown watch command '" + Targets.shown(sub)
                    + "': add, list or remove", WATCH_USAGE);
        };
    }

    private Command add(List<String> words) throws UsageException {
        Duration every = limits.defaultEvery();
        String name = null;
        List<String> check = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String option = w.contains("=") && w.startsWith("--") ? w.substring(0, w.indexOf('=')) : w;
            if (option.equals("--every") || option.equals("--name")) {
                String value = w.contains("=") ? w.substring(w.indexOf('=') + 1) : i + 1 < words.size() ? words.get(++i) : null;
                if (value == null || value.isEmpty()) {
                    throw new UsageException("option " + option + " needs a value", WATCH_USAGE);
                }
                if (option.equals("--every")) {
                    every = every(value);
                } else {
                    name = name(value);
                }
            } else {
                check.add(w);
            }
        }
        if (check.isEmpty()) {
            throw new UsageException("which check should be watched? e.g. watch add vip 10.0.0.5:443", WATCH_USAGE);
        }
        String verb = check.get(0).toLowerCase(Locale.ROOT);
        switch (verb) {
            case "watch", "summary", "help" -> throw new UsageException("a watch runs a check (vip, tcp, dns, tls, http, "
                    + "ping, trace, mtu, listeners), not '" + Targets.shown(verb) + "'", WATCH_USAGE);
            case "listen" -> throw new UsageException("listen opens a port for a while: it cannot be watched",
                    WATCH_USAGE);
            default -> {
            }
        }
        if (check.stream().anyMatch(w -> w.equals("--json") || w.equals("--pcap") || w.startsWith("--pcap="))) {
            throw new UsageException("--json and --pcap are CLI options: a watch reports in its channel", WATCH_USAGE);
        }
        Command parsed = checks.parse(check);
        if (parsed instanceof Command.Help) {
            throw new UsageException("a watch needs a check to run, not help", WATCH_USAGE);
        }
        return new Command.WatchAdd(name != null ? name : defaultName(check), every, String.join(" ", check), parsed);
    }

    Command summary(List<String> words) throws UsageException {
        if (words.isEmpty() || words.get(0).equalsIgnoreCase("now")) {
            if (words.size() > 1) {
                throw new UsageException("summary now takes no arguments", SUMMARY_USAGE);
            }
            return new Command.SummaryNow();
        }
        if (isHelp(words.get(0))) {
            return new Command.Help("summary");
        }
        if (!words.get(0).equalsIgnoreCase("schedule")) {
            throw new UsageException("unknown summary command '" + Targets.shown(words.get(0)) + "'", SUMMARY_USAGE);
        }
        List<String> rest = words.subList(1, words.size());
        if (rest.isEmpty()) {
            throw new UsageException("summary schedule needs a cron schedule in quotes, or off", SUMMARY_USAGE);
        }
        if (rest.size() == 1 && rest.get(0).equalsIgnoreCase("off")) {
            return new Command.SummarySchedule(null);
        }
        Cron cron;
        try {
            // Quoted or not: the fields may arrive as one word or five.
            cron = Cron.parse(String.join(" ", rest));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), SUMMARY_USAGE);
        }
        Duration gap = cron.shortestGap(Instant.parse("2026-01-05T00:00:00Z"), ZoneOffset.UTC);
        if (gap.compareTo(limits.minSummaryGap()) < 0) {
            throw new UsageException("'" + cron.text() + "' would post every " + DurationText.format(gap)
                    + "; summaries are at most one per " + DurationText.format(limits.minSummaryGap()), SUMMARY_USAGE);
        }
        return new Command.SummarySchedule(cron);
    }

    private Duration every(String value) throws UsageException {
        Duration d;
        try {
            d = DurationText.parse(value, "--every");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), WATCH_USAGE);
        }
        if (d.compareTo(limits.minEvery()) < 0 || d.compareTo(limits.maxEvery()) > 0) {
            throw new UsageException("--every " + Targets.shown(value) + " is out of range: from "
                    + DurationText.format(limits.minEvery()) + " to " + DurationText.format(limits.maxEvery()),
                    WATCH_USAGE);
        }
        return d;
    }

    static String name(String value) throws UsageException {
        String n = value.toLowerCase(Locale.ROOT);
        if (!NAME.matcher(n).matches()) {
            throw new UsageException("watch name '" + Targets.shown(value) + "' must be 1–40 letters, digits, . _ or -,"
                    + " starting with a letter or digit", WATCH_USAGE);
        }
        return n;
    }

    /** vip checkout.internal:443 → vip-checkout.internal-443 */
    static String defaultName(List<String> check) {
        String target = check.size() > 1 ? check.get(1).replaceAll("^[A-Za-z]+://", "") : "";
        String raw = (check.get(0) + "-" + target).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("-+", "-")
                .replaceAll("^[-._]+|[-._]+$", "");
        String cut = raw.length() > 40 ? raw.substring(0, 40).replaceAll("[-._]+$", "") : raw;
        return cut.isEmpty() ? "watch" : cut;
    }

    private static boolean isHelp(String w) {
        return w.equals("help") || w.equals("--help") || w.equals("-h");
    }
}
