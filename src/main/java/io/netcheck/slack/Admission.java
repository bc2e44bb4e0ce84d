package io.netcheck.slack;

import io.netcheck.Checks;
import io.netcheck.agent.FromOption;
import io.netcheck.agent.RemoteChecks;
import io.netcheck.command.Command;
import io.netcheck.command.CommandParser;
import io.netcheck.command.CompareOption;
import io.netcheck.command.UsageException;
import io.netcheck.config.NetcheckConfig;
import io.netcheck.diff.SinceLastWorked;
import io.netcheck.probe.TargetPolicy;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Decides whether a check asked for in Slack runs: parse, authorisation, target policy (IP literals at once, names
 * once resolved), per-user fairness and queue room; then queues it. Every refusal is typed, audited and counted by
 * its kind.
 */
final class Admission {
    private final NetcheckConfig config;
    private final CommandParser parser;
    private final Checks checks;
    private final TargetPolicy policy;
    private final Authorization authorization;
    private final NamespaceGrants namespaces;
    private final BotParts parts;
    private final Supplier<SinceLastWorked> lastWorked;
    private final RemoteChecks remoteChecks;
    private final ConcurrentHashMap<String, AtomicInteger> perUser = new ConcurrentHashMap<>();

    Admission(NetcheckConfig config, CommandParser parser, Checks checks, TargetPolicy policy,
              Authorization authorization, NamespaceGrants namespaces, BotParts parts,
              Supplier<SinceLastWorked> lastWorked, RemoteChecks remoteChecks) {
        this.config = config;
        this.parser = parser;
        this.checks = checks;
        this.policy = policy;
        this.authorization = authorization;
        this.namespaces = namespaces;
        this.parts = parts;
        this.lastWorked = lastWorked;
        this.remoteChecks = remoteChecks;
    }

    /** Parses and queues a run; returns why it was refused, or null when accepted. */
    Refusal accept(String text, String channel, String user, String responseUrl) {
        Refusal refusal = admit(text, channel, user, responseUrl);
        Audit.decision(user, channel, text, refusal == null ? "accepted" : "refused",
                refusal == null ? null : refusal.message());
        if (refusal != null) {
            parts.metrics().rejected(refusal.kind());
        }
        return refusal;
    }

    private Refusal admit(String text, String channel, String user, String responseUrl) {
        Command command;
        IncidentTarget to;
        try {
            to = IncidentTarget.split(SlackText.words(text));
        } catch (IllegalArgumentException e) {
            return Refusal.input(e.getMessage());
        }
        CompareOption compare = CompareOption.split(to.words());
        List<String> words = compare.words();
        if (words.stream().anyMatch(w -> w.equals("--pcap") || w.startsWith("--pcap="))) {
            // Writing files where a Slack user says is not something the bot does.
            return Refusal.input("--pcap is a CLI option: in Slack the .pcap is uploaded into the thread");
        }
        FromOption from;
        try {
            from = FromOption.split(words);
            command = parser.parse(from.words());
        } catch (UsageException e) {
            return Refusal.input(e.getMessage());
        }
        if (command instanceof Command.Help || command instanceof Command.ChannelCommand) {
            return Refusal.input("nothing to run for `" + SlackBlocks.esc(text) + "`");
        }
        boolean json = ((Command.Check<?>) command).json();
        String verb = words.get(0);
        String forbidden = authorization.refusal(verb, user, channel);
        if (forbidden == null) {
            forbidden = namespaces.refusal(command, channel);
        }
        if (forbidden != null) {
            return Refusal.forbidden(forbidden);
        }
        String refused = refusedLiteral(command);
        if (refused != null) {
            return new Refusal(Refusal.Kind.POLICY, ":no_entry: refused by the target policy, nothing was sent: "
                    + refused);
        }
        if (json) {
            return Refusal.input("--json is a CLI option: in Slack the report is always the thread");
        }
        // Fairness: one user cannot fill the queue for everybody else.
        AtomicInteger mine = perUser.computeIfAbsent(user, u -> new AtomicInteger());
        if (mine.incrementAndGet() > config.slack().perUser()) {
            mine.decrementAndGet();
            return new Refusal(Refusal.Kind.PER_USER, ":hourglass: you already have " + config.slack().perUser()
                    + " checks running or waiting; try again when one has finished.");
        }
        SlackRun run = new SlackRun(new RunRequest(String.join(" ", words) + (compare.compare() ? " "
                + CompareOption.FLAG : ""), command, channel, user, responseUrl, to.channel(),
                compare.compare() ? lastWorked.get() : null, from.agent()), checks, parts.slack(), parts.methods(), parts.api(), parts.progress(),
                config.slack().progressInterval(), parts.kept());
        run.remote = remoteChecks;
        try {
            parts.workers().execute(() -> {
                try {
                    run.run();
                } finally {
                    mine.decrementAndGet();
                }
            });
            return null;
        } catch (RejectedExecutionException e) {
            mine.decrementAndGet();
            return new Refusal(Refusal.Kind.BUSY, ":hourglass: netcheck is busy (" + parts.workers().getActiveCount()
                    + " checks running, " + parts.workers().getQueue().size() + " waiting). Try again in " + busyWait()
                    + " s.");
        }
    }

    /** Authorisation and policy for watch/summary; a watch is also checked as the check it runs. */
    Refusal channelRefusal(List<String> words, Command.ChannelCommand command, String user, String channel) {
        String forbidden = authorization.refusal(words.get(0), user, channel);
        if (forbidden != null) {
            return Refusal.forbidden(forbidden);
        }
        if (command instanceof Command.WatchAdd add) {
            String inner = authorization.refusal(CommandTargets.verb(add.check()), user, channel);
            if (inner == null) {
                inner = namespaces.refusal(add.parsed(), channel);
            }
            if (inner != null) {
                return Refusal.forbidden(inner);
            }
            String refused = refusedLiteral(add.parsed());
            if (refused != null) {
                return new Refusal(Refusal.Kind.POLICY, ":no_entry: refused by the target policy: " + refused);
            }
        }
        return null;
    }

    /** Refuses IP-literal targets at once, before the ack; names are checked once resolved, before any packet. */
    private String refusedLiteral(Command command) {
        return CommandTargets.refusedLiteral(command, policy);
    }

    /** A fair guess at when a worker frees up: the queue ahead divided among the workers, a default timeout each. */
    private long busyWait() {
        var workers = parts.workers();
        long rounds = 1 + workers.getQueue().size() / Math.max(1, workers.getMaximumPoolSize());
        return rounds * (config.probe().timeout().toSeconds() + 1);
    }
}
