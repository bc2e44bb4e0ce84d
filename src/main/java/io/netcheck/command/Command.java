package io.netcheck.command;

import io.netcheck.check.HostPort;
import java.time.Duration;
import java.util.List;


/** A parsed command: what the CLI and Slack both run. */
public sealed interface Command {
    /**
     * A check command (vip, tcp, dns, ...): one kind's request.
     *
     * @param grammar the kind that parsed it
     * @param json    print JSON instead of text (CLI only; Slack has its own rendering)
     */
    record Check<R>(Grammar<R> grammar, R request, boolean json) implements Command {
        public String verb() {
            return grammar.verb();
        }

        /** Where this check sends packets, as typed (see {@link Grammar#targets}). */
        public List<HostPort> targets() {
            return grammar.targets(request);
        }
    }

    /** @param topic the command help was asked about, or null for the overview */
    record Help(String topic) implements Command {
    }

    /** Commands that belong to a Slack channel: watches and health summaries. */
    sealed interface ChannelCommand extends Command {
    }

    /**
     * {@code watch add CHECK [--every 5m] [--name NAME]}.
     *
     * @param check     the watched check as typed (normalised words), re-parsed on every run
     * @param parsed    that check, parsed now so a bad one is refused at once
     */
    record WatchAdd(String name, Duration every, String check, Command parsed) implements ChannelCommand {
    }

    /** {@code watch list}: the channel's watches and their state. */
    record WatchList() implements ChannelCommand {
    }

    /** {@code watch remove NAME}. */
    record WatchRemove(String name) implements ChannelCommand {
    }

    /** {@code summary}: the channel's health summary, now. */
    record SummaryNow() implements ChannelCommand {
    }

    /** {@code summary schedule "0 9 * * MON-FRI"}; a null cron ({@code summary schedule off}) removes it. */
    record SummarySchedule(Cron cron) implements ChannelCommand {
    }
}
