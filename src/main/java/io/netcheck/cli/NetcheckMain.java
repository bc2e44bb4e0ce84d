package io.netcheck.cli;

import io.netcheck.capture.Pcap4jCapture;
import io.netcheck.probe.CertificateCheck;
import io.netcheck.probe.TrustAnchors;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One jar, two modes: with a command ({@code vip ...}, {@code help}) it runs the check and exits like any
 * CLI; with no arguments or {@code serve} it stays up as the Slack bot.
 */
@QuarkusMain
public class NetcheckMain implements QuarkusApplication {

    @Inject
    Cli cli;

    /** Looked up, not injected: a bad CA bundle must end in one message, not a failed bean and a stack trace. */
    @Inject
    Instance<CertificateCheck> certificates;

    @Inject
    Instance<AgentMode> agents;

    public static void main(String... args) {
        if (isAgent(args)) {
            // An agent serves nothing and stores nothing; it logs (it is a service) and keeps its target policy.
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("netcheck.slack.mode", "off");
            System.setProperty("netcheck.store.enabled", "false");
            System.setProperty("quarkus.scheduler.enabled", "false");
        } else if (isCommand(args)) {
            oneShotDefaults();
        }
        Quarkus.run(NetcheckMain.class, args);
    }

    /** What a one-shot command needs of the configuration, here and in {@link LeanMain}. */
    static void oneShotDefaults() {
        // Keep the terminal for the report: framework chatter only when something is wrong.
        System.setProperty("quarkus.log.level", System.getProperty("quarkus.log.level", "WARN"));
        // A one-shot check serves nothing: no HTTP listener, no Slack connection.
        System.setProperty("quarkus.http.host-enabled", "false");
        System.setProperty("netcheck.slack.mode", "off");
        // One check and exit: no watch store, no scheduler.
        System.setProperty("netcheck.store.enabled", "false");
        System.setProperty("quarkus.scheduler.enabled", "false");
        // The target policy guards the bot from Slack users; a CLI user already has a shell here.
        System.setProperty("netcheck.policy.enabled", System.getProperty("netcheck.policy.enabled", "false"));
    }

    static boolean isAgent(String... args) {
        return args.length > 0 && args[0].equals("agent");
    }

    static boolean isCommand(String... args) {
        return args.length > 0 && !args[0].equals("serve");
    }

    @Override
    public int run(String... args) {
        // Load libpcap (~100 ms) while the command is parsed and names resolve. Not earlier: from main(),
        // the load's logging raced the framework's logging set-up and could deadlock start-up.
        Pcap4jCapture.warmUpInBackground();
        try {
            certificates.get(); // reads netcheck.tls.ca-bundle, once
        } catch (TrustAnchors.Invalid e) {
            if (isCommand(args)) {
                System.err.println("netcheck: " + e.getMessage());
            } else {
                Logger.getLogger(NetcheckMain.class).error("cannot start: " + e.getMessage());
            }
            return Cli.USAGE;
        }
        if (isAgent(args)) {
            return agents.get().run(List.of(args).subList(1, args.length));
        }
        if (!isCommand(args)) {
            Quarkus.waitForExit();
            return 0;
        }
        return cli.run(List.of(args), System.out, System.err);
    }
}
