package io.netcheck.cli;

import io.netcheck.check.ClusterUnreadable;
import io.netcheck.probe.TargetPolicy;
import io.netcheck.Checks;
import io.netcheck.command.Command;
import io.netcheck.command.CommandParser;
import io.netcheck.command.CompareOption;
import io.netcheck.command.UsageException;
import io.netcheck.config.NetcheckConfig;
import io.netcheck.diff.FileBaselines;
import io.netcheck.diff.SinceLastWorked;
import io.netcheck.render.JsonRenderer;
import io.netcheck.render.TextRenderer;
import io.netcheck.report.Report;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The terminal front end. Exit status: 0 healthy, 1 a fault was found (including INCONCLUSIVE),
 * 2 bad input, 3 netcheck itself failed.
 */
@ApplicationScoped
public class Cli {
    public static final int HEALTHY = 0;
    public static final int FAULT = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;

    private final CommandParser parser;
    private final Checks checks;
    private final Clock clock;
    private final Path lastWorked;

    @Inject
    public Cli(CommandParser parser, Checks checks, Clock clock, NetcheckConfig config) {
        this(parser, checks, clock, home(config.compare().dir()));
    }

    public Cli(CommandParser parser, Checks checks, Clock clock) {
        this(parser, checks, clock, home("~/.netcheck/last-worked"));
    }

    static Path home(String dir) {
        return dir.startsWith("~/") ? Path.of(System.getProperty("user.home"), dir.substring(2)) : Path.of(dir);
    }

    /** @param lastWorked where --compare keeps each target's last healthy report */
    public Cli(CommandParser parser, Checks checks, Clock clock, Path lastWorked) {
        this.parser = parser;
        this.checks = checks;
        this.clock = clock;
        this.lastWorked = lastWorked;
    }

    public int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv("NETCHECK_API_TOKEN"));
    }

    /** @param apiToken what --server presents (NETCHECK_API_TOKEN) */
    int run(List<String> args, PrintStream out, PrintStream err, String apiToken) {
        if (!args.isEmpty() && args.get(0).equals("diff")) {
            return DiffCommand.run(args.subList(1, args.size()), out, err, clock.getZone());
        }
        Command command;
        try {
            // --server: the check runs on a netcheck server (and --from on one of its agents). --compare goes with
            // it: the server keeps the last healthy reports (its store), as for Slack.
            ServerClient.Split server = ServerClient.split(args);
            if (server != null) {
                return new ServerClient().run(server, apiToken,
                        clock.getZone(), out, err);
            }
        } catch (IllegalArgumentException e) {
            err.println("netcheck: " + e.getMessage());
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return INTERNAL;
        }
        CompareOption compare = CompareOption.split(args);
        args = compare.words();
        if (args.stream().anyMatch(a -> a.equals("--from") || a.startsWith("--from="))) {
            err.println("netcheck: --from runs the check on an agent, and agents connect to a netcheck server: add "
                    + "--server URL (token in NETCHECK_API_TOKEN)");
            return USAGE;
        }
        try {
            command = parser.parse(args);
        } catch (UsageException e) {
            err.println("netcheck: " + e.getMessage());
            err.println(e.usage());
            return USAGE;
        }
        if (command instanceof Command.ChannelCommand) {
            err.println("netcheck: watch and summary belong to a Slack channel: type /netcheck " + args.get(0)
                    + " ... in the channel. The CLI runs a check once: give the check itself, e.g. vip 10.0.0.5:443");
            return USAGE;
        }
        try {
            if (command instanceof Command.Check<?> check) {
                Report report = compared(checks.check(check), compare);
                out.print(check.json() ? new JsonRenderer().render(report) + "\n"
                        : new TextRenderer(clock.getZone()).render(report));
                out.flush();
                return report.healthy() ? HEALTHY : FAULT;
            }
            Command.Help help = (Command.Help) command;
            out.println(parser.helpFor(help.topic()));
            return HEALTHY;
        } catch (TargetPolicy.Refused e) {
            err.println("netcheck: refused by the target policy, nothing was sent: " + e.getMessage());
            return USAGE;
        } catch (ClusterUnreadable e) {
            err.println("netcheck: " + e.getMessage());
            return e.badInput() ? USAGE : INTERNAL;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("netcheck: interrupted");
            return INTERNAL;
        } catch (RuntimeException e) {
            // A bug, not bad input: say so in one line; the stack trace goes to the debug log only.
            err.println("netcheck: internal error: " + e);
            Logger.getLogger(Cli.class).debug("internal error", e);
            return INTERNAL;
        }
    }

    /** With --compare: kept as the target's baseline when healthy, compared with it when not. */
    private Report compared(Report report, CompareOption compare) {
        return compare.compare() ? new SinceLastWorked(new FileBaselines(lastWorked), clock.getZone()).note(report, true)
                : report;
    }
}
