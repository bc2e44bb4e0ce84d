package io.netcheck.command;

import io.netcheck.check.DnsRequest;
import io.netcheck.check.HttpCheckRequest;
import io.netcheck.check.MtuRequest;
import io.netcheck.check.PingRequest;
import io.netcheck.check.TcpRequest;
import io.netcheck.check.TraceRequest;
import io.netcheck.check.TlsRequest;
import io.netcheck.check.ListenRequest;
import io.netcheck.check.ListenersRequest;
import io.netcheck.check.VipCheckRequest;

/** A parsed command: what the CLI and Slack both run. */
public sealed interface Command {
    /** @param json print JSON instead of text (CLI only; Slack has its own rendering) */
    record Vip(VipCheckRequest request, boolean json) implements Command {
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
    record WatchAdd(String name, java.time.Duration every, String check, Command parsed) implements ChannelCommand {
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

    /** One of the connectivity guide's tools as its own command: runs one check, gives one report. */
    sealed interface Single extends Command {
        /** print JSON instead of text (CLI only) */
        boolean json();
    }

    /** {@code tcp HOST:PORT}: the telnet test. */
    record Tcp(TcpRequest request, boolean json) implements Single {
    }

    /** {@code dns NAME [TYPE] [@SERVER]}: the host/dig test. */
    record Dns(DnsRequest request, boolean json) implements Single {
    }

    /** {@code tls HOST:PORT}: the openssl s_client test. */
    record Tls(TlsRequest request, boolean json) implements Single {
    }

    /** {@code http URL}: the curl -L test. */
    record Http(HttpCheckRequest request, boolean json) implements Single {
    }

    /** {@code listeners [PORT]}: the netstat step on netcheck's own host. */
    record Listeners(ListenersRequest request, boolean json) implements Single {
    }

    /** {@code listen PORT [--for 60s]}: the nc -l test. */
    record Listen(ListenRequest request, boolean json) implements Single {
    }

    /** {@code ping HOST}: real ICMP echo. */
    record Ping(PingRequest request, boolean json) implements Single {
    }

    /** {@code mtu HOST}: the path MTU, as tracepath / ping -M do measure it. */
    record Mtu(MtuRequest request, boolean json) implements Single {
    }

    /** {@code trace HOST[:PORT]}: ICMP and TCP traceroute side by side. */
    record Trace(TraceRequest request, boolean json) implements Single {
    }
}
