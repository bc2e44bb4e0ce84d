package io.netcheck.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command grammar, shared by the CLI and Slack so {@code /netcheck vip ...} means exactly what the
 * CLI means. The check commands come from their kinds' {@link Grammar}s (registered once, in
 * {@code kind/CheckKinds}); this class adds help, watch and summary. Every mistake gets a message naming the
 * offending word and the command's usage.
 */
public final class CommandParser {
    private static final String HEADER = """
            netcheck — finds which team owns "the service is unreachable"
            commands:
            """;

    private static final String CHANNEL_COMMANDS = """
              watch add|list|remove     (Slack) run a check on a schedule for the channel; alerts on change
              summary [schedule CRON]   (Slack) the channel's health summary, now or on a schedule
              diff A.json B.json        (CLI) what changed between two --json reports of one target
              help [COMMAND]            this text, or a command's options
            any check takes --compare: what changed since the target's last healthy result
            """;

    private static final String CHANNEL_EXAMPLES = """
              watch add vip checkout.internal:443 --every 5m --name checkout-vip
              summary schedule "0 9 * * MON-FRI"
            in Slack, add --to #channel to any check to post the evidence into an incident channel too
            """;

    private final Limits limits;
    private final Map<String, Grammar<?>> grammars = new LinkedHashMap<>();
    private final ChannelCommandParser channel;
    private final String overview;

    /**
     * @param grammars every check command, in the order of the help text; two with one verb are refused here,
     *                 at start-up
     */
    public CommandParser(Limits limits, WatchLimits watchLimits, List<? extends Grammar<?>> grammars) {
        this.limits = limits;
        for (Grammar<?> g : grammars) {
            if (!g.usage().startsWith("usage: " + g.verb())) {
                throw new IllegalStateException("the usage of " + g.verb() + " must start with 'usage: " + g.verb() + "'");
            }
            if (List.of("help", "watch", "summary").contains(g.verb()) || this.grammars.put(g.verb(), g) != null) {
                throw new IllegalStateException("two commands named " + g.verb());
            }
        }
        this.channel = new ChannelCommandParser(watchLimits, this::parse);
        StringBuilder text = new StringBuilder(HEADER);
        grammars.forEach(g -> text.append("  ").append(g.summary()).append('\n'));
        text.append(CHANNEL_COMMANDS).append("examples:\n");
        grammars.forEach(g -> g.examples().forEach(e -> text.append("  ").append(e).append('\n')));
        this.overview = text.append(CHANNEL_EXAMPLES).toString();
    }

    /** The help overview: every command and an example of each. */
    public String usage() {
        return overview;
    }

    /** The help text for a topic (a command name), or the overview. */
    public String helpFor(String topic) {
        Grammar<?> g = topic == null ? null : grammars.get(topic);
        if (g != null) {
            return g.usage();
        }
        return topic == null ? overview : switch (topic) {
            case "watch" -> ChannelCommandParser.WATCH_USAGE;
            case "summary" -> ChannelCommandParser.SUMMARY_USAGE;
            default -> overview;
        };
    }

    /** The check commands' verbs, in the order of the help. */
    public List<String> verbs() {
        return new ArrayList<>(grammars.keySet());
    }

    public Command parse(List<String> words) throws UsageException {
        if (words.isEmpty()) {
            throw new UsageException("no command given", overview);
        }
        String verb = words.get(0);
        List<String> rest = words.subList(1, words.size());
        return switch (verb) {
            case "help", "--help", "-h" -> new Command.Help(rest.isEmpty() ? null : rest.get(0));
            case "watch" -> channel.watch(rest);
            case "summary" -> channel.summary(rest);
            default -> {
                Grammar<?> grammar = grammars.get(verb);
                if (grammar == null) {
                    throw new UsageException("unknown command '" + Targets.shown(verb) + "'", overview);
                }
                yield check(grammar, rest);
            }
        };
    }

    private <R> Command check(Grammar<R> grammar, List<String> rest) throws UsageException {
        try {
            Options own = grammar.options();
            Set<String> flags = new HashSet<>(own.flags());
            flags.add("--json");
            Words w = Words.parse(rest, new Options(flags, own.valued(), own.repeatable()), grammar.usage(), limits);
            if (w == null) {
                return new Command.Help(grammar.verb());
            }
            return new Command.Check<>(grammar, grammar.parse(w), w.flag("--json"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), grammar.usage());
        }
    }
}
