package io.netcheck.cli;

import io.netcheck.Checks;
import io.netcheck.capture.Pcap4jCapture;
import io.netcheck.check.Pipeline;
import io.netcheck.config.CheckWiring;
import io.netcheck.config.NetcheckConfig;
import io.netcheck.probe.CertificateCheck;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.Ticker;
import io.netcheck.probe.TrustAnchors;
import io.netcheck.probe.dns.DnsjavaResolver;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The CLI's one-shot checks without Quarkus: the same configuration ({@link LeanConfig}), the same parts
 * ({@link CheckWiring}, as the CDI producers build them) and the same {@link Cli}, so the same output and exit
 * status, but none of the server's extensions start (REST, WebSockets, scheduler, datasources, health, OpenAPI):
 * about half the start-up time (README, "Start-up and memory"). {@code src/main/bin/netcheck} starts it for every
 * command except {@code serve} and {@code agent}, which need the server and run {@link NetcheckMain}.
 */
public final class LeanMain {
    private LeanMain() {
    }

    public static void main(String... args) {
        // As under Quarkus for a command: framework chatter on stderr only when something is wrong. Here, not in
        // run(): a test calling run() must not change its JVM's logging.
        Logger.getLogger("").setLevel(Level.WARNING);
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        String[] words = args.toArray(String[]::new);
        if (!NetcheckMain.isCommand(words) || NetcheckMain.isAgent(words)) {
            err.println("netcheck: " + (args.isEmpty() ? "serve" : args.get(0)) + " runs the server: start it with "
                    + "java -jar quarkus-run.jar (src/main/bin/netcheck does)");
            return Cli.USAGE;
        }
        NetcheckMain.oneShotDefaults();
        Pcap4jCapture.warmUpInBackground();
        NetcheckConfig config;
        CertificateCheck certificates;
        Clock clock = Clock.systemDefaultZone();
        try {
            config = LeanConfig.read();
            certificates = CheckWiring.certificates(config, clock);
        } catch (TrustAnchors.Invalid e) {
            err.println("netcheck: " + e.getMessage());
            return Cli.USAGE;
        } catch (Exception e) {
            // A setting that does not convert, or a bad CA bundle path: SmallRye's ConfigValidationException is
            // thrown unchecked but is an Exception, with one line per bad setting.
            err.println("netcheck: bad configuration: " + e.getMessage());
            return Cli.USAGE;
        }
        try (ProbeRunner runner = CheckWiring.runner(config, clock, Ticker.SYSTEM)) {
            Pipeline pipeline = CheckWiring.pipeline(new DnsjavaResolver(), CheckWiring.capture(config), runner, clock,
                    config, CheckWiring.policy(config), certificates);
            Checks checks = new Checks(pipeline, CheckWiring.verdicts(config), CheckWiring.servicePools(config));
            return new Cli(CheckWiring.parser(config), checks, clock, config).run(args, out, err);
        } catch (IllegalArgumentException e) {
            err.println("netcheck: bad configuration: " + e.getMessage());
            return Cli.USAGE;
        }
    }
}
