package io.netcheck.kind;

import io.netcheck.command.CommandParser;
import io.netcheck.command.Limits;
import io.netcheck.command.WatchLimits;
import java.util.List;

/**
 * Every check command, registered once, in the order of the help text. A command is its kind: listing it here
 * gives it its grammar in the CLI and Slack, its run, its verdict and its report; two with one verb stop the
 * start-up ({@link CommandParser}).
 */
public final class CheckKinds {
    public static final List<CheckKind<?, ?>> ALL = List.of(
            new VipKind(),
            new TcpKind(),
            new DnsKind(),
            new TlsKind(),
            new HttpKind(),
            new ListenersKind(),
            new ListenKind(),
            new PingKind(),
            new TraceKind(),
            new MtuKind(),
            new BannerKind());

    private CheckKinds() {
    }

    /** The parser of every registered command, with the default watch limits. */
    public static CommandParser parser(Limits limits) {
        return parser(limits, WatchLimits.DEFAULTS);
    }

    public static CommandParser parser(Limits limits, WatchLimits watchLimits) {
        return new CommandParser(limits, watchLimits, ALL);
    }
}
