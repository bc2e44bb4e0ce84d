package io.netcheck.command;

import io.netcheck.check.HostPort;
import java.util.List;

/**
 * The words of one check command: how they become its request, the help that explains them, and where the
 * request will send packets. The grammar half of a command kind; the parser knows only these.
 *
 * @param <R> the command's request record
 */
public interface Grammar<R> {
    /** The command word: {@code tcp}. */
    String verb();

    /** The command's line in the help overview, e.g. {@code tcp HOST:PORT             the telnet test: ...}. */
    String summary();

    /** The command's lines under "examples:" in the help overview. */
    List<String> examples();

    /** The full usage text, starting with {@code usage: VERB}. */
    String usage();

    /** The options the command takes; {@code --json} and {@code --help} are handled by the parser. */
    Options options();

    /** The request the words ask for; a mistake throws a {@link UsageException} (or IllegalArgumentException). */
    R parse(Words words) throws UsageException;

    /**
     * Where the request sends packets, as typed (port -1 for ICMP), for refusing IP literals before anything
     * is sent; empty for commands that send nothing to other hosts.
     */
    List<HostPort> targets(R request);
}
