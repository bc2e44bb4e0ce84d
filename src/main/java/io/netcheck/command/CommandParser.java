package io.netcheck.command;

import io.netcheck.checklist.HostPort;
import io.netcheck.checklist.VipCheckRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The command grammar, shared by the CLI and Slack so {@code /netcheck vip ...} means exactly what the
 * CLI means. Every mistake gets a message naming the offending word and the command's usage.
 */
public final class CommandParser {
    public static final String VIP_USAGE = """
            usage: vip HOST:PORT [--backends H:P,H:P,...] [--tls [--plain-backends]] [--sni NAME]
                               [--path /x] [--timeout 3s] [--json] [--no-capture] [--pcap FILE]
              HOST is a name, an IPv4 address or a bracketed IPv6 address: [2001:db8::1]:443
              --backends        real servers behind the VIP, probed in parallel (step 3)
              --tls             TLS handshake before GET (VIP and backends; --plain-backends: VIP only)
              --sni NAME        TLS server name (default: the VIP's host name)
              --path /x         path to GET (default /)
              --timeout 3s      per-probe time limit
              --json            print one JSON object instead of text
              --no-capture      run without packet capture
              --pcap FILE       where to write the capture (default: the capture directory)
            from Kubernetes:  vip svc/NAME[.NAMESPACE][:PORT] [--via clusterip|loadbalancer|nodeport]
              the Service's address is the VIP and its EndpointSlices' endpoints the real servers;
              --backends svc/NAME[.NAMESPACE][:PORT] takes only the pool from a Service""";

    public static final String USAGE = """
            netcheck — finds which team owns "the service is unreachable"
            commands:
              vip HOST:PORT [options]   three-step load-balancer checklist with packet evidence
              tcp HOST:PORT             the telnet test: does a TCP connection open, and who answered?
              dns NAME [TYPE] [@SERVER] the host/dig test: every resolver's answer, TTLs, invented answers
              tls HOST:PORT [--sni N]   the openssl s_client test: protocol, cipher, chain, expiry, trust
              http URL                  the curl -L test: status, headers, timing, redirects, LB pages
              listeners [PORT]          the netstat step on netcheck's host: sockets, processes, loopback-only
              listen PORT [--for 60s]   the nc -l test: a temporary listener that reports who connects
              ping HOST [--count 5]     real ICMP echo: loss, round trips, TTL, ICMP errors and their sender
              trace HOST[:PORT]         hop by hop, ICMP echo and TCP SYN side by side: where each path stops
              mtu HOST                  the path MTU (don't-fragment echoes of shrinking size): black holes
              watch add|list|remove     (Slack) run a check on a schedule for the channel; alerts on change
              summary [schedule CRON]   (Slack) the channel's health summary, now or on a schedule
              diff A.json B.json        (CLI) what changed between two --json reports of one target
              help [COMMAND]            this text, or a command's options
            any check takes --compare: what changed since the target's last healthy result
            examples:
              vip 10.0.0.5:443 --tls --backends 10.0.1.10:443,10.0.1.11:443
              vip checkout.internal:80 --path /healthz --timeout 2s
              vip svc/checkout.shop:http
              tcp db.internal:5432 --timeout 2s
              dns checkout.internal A @10.0.0.2 --expect 10.0.0.5
              tls shop.example:443 --warn-days 30
              http https://shop.example/healthz --timeout 5s
              listeners 8080
              listen 8080 --for 2m
              ping 10.0.0.5 --count 10
              trace 10.0.0.5:443
              mtu 10.0.0.5
              watch add vip checkout.internal:443 --every 5m --name checkout-vip
              summary schedule "0 9 * * MON-FRI"
            in Slack, add --to #channel to any check to post the evidence into an incident channel too
            """;

    /** The help text for a topic (a command name), or the overview. */
    public static String helpFor(String topic) {
        String probe = topic == null ? null : ProbeCommandParser.usage(topic);
        if (probe != null) {
            return probe;
        }
        return topic == null ? USAGE : switch (topic) {
            case "vip" -> VIP_USAGE;
            case "watch" -> ChannelCommandParser.WATCH_USAGE;
            case "summary" -> ChannelCommandParser.SUMMARY_USAGE;
            default -> USAGE;
        };
    }

    private static final Pattern SAFE_PATH = Pattern.compile("/[\\x21-\\x7e]{0,2047}");
    private static final Set<String> FLAGS = Set.of("--tls", "--plain-backends", "--json", "--no-capture");
    private static final Set<String> VALUED = Set.of("--backends", "--sni", "--path", "--timeout", "--pcap",
            "--via");

    private final Limits limits;
    private final ProbeCommandParser probes;
    private final ChannelCommandParser channel;

    public CommandParser(Limits limits) {
        this(limits, WatchLimits.DEFAULTS);
    }

    public CommandParser(Limits limits, WatchLimits watchLimits) {
        this.limits = limits;
        this.probes = new ProbeCommandParser(limits);
        this.channel = new ChannelCommandParser(watchLimits, this::parse);
    }

    public Command parse(List<String> words) throws UsageException {
        if (words.isEmpty()) {
            throw new UsageException("no command given", USAGE);
        }
        String verb = words.get(0);
        List<String> rest = words.subList(1, words.size());
        return switch (verb) {
            case "vip" -> vip(rest);
            case "help", "--help", "-h" -> new Command.Help(rest.isEmpty() ? null : rest.get(0));
            case "watch" -> channel.watch(rest);
            case "summary" -> channel.summary(rest);
            default -> {
                if (probes.handles(verb)) {
                    yield probes.parse(verb, rest);
                }
                throw new UsageException("unknown command '" + Targets.shown(verb) + "'", USAGE);
            }
        };
    }

    private Command vip(List<String> words) throws UsageException {
        try {
            return vipOrThrow(words);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), VIP_USAGE);
        }
    }

    private static final ProbeCommandParser.Spec VIP_SPEC = new ProbeCommandParser.Spec(FLAGS, VALUED,
            Set.of("--backends"));

    private Command vipOrThrow(List<String> words) throws UsageException {
        ProbeCommandParser.Words w = ProbeCommandParser.Words.parse(words, VIP_SPEC, VIP_USAGE);
        if (w == null) {
            return new Command.Help("vip");
        }
        String vipWord = w.onePositional("which VIP? give HOST:PORT, e.g. vip 10.0.0.5:443",
                "only one VIP per check (real servers go in --backends)");
        var vipService = ServiceTargets.vip(vipWord);
        HostPort vip = vipService != null ? ServiceTargets.placeholder(vipService) : Targets.parse(vipWord, "VIP");
        boolean tls = w.flag("--tls");
        boolean plainBackends = w.flag("--plain-backends");
        var backendsService = w.flag("--backends") ? ServiceTargets.backends(w.value("--backends")) : null;
        List<HostPort> backends = w.flag("--backends") && backendsService == null ? backends(w.value("--backends"))
                : List.of();
        var cluster = ServiceTargets.pool(vipService, backendsService, w.flag("--backends"), w.value("--via"));
        String sni = w.value("--sni");
        if (sni != null) {
            Targets.validateName(sni, "--sni");
        }
        String path = w.value("--path") == null ? "/" : w.value("--path");
        if (!SAFE_PATH.matcher(path).matches()) {
            throw new UsageException("--path '" + Targets.shown(path) + "' must start with / and "
                    + "contain no spaces or control characters", VIP_USAGE);
        }
        Duration timeout = w.value("--timeout") == null ? limits.defaultTimeout() : timeout(w.value("--timeout"));
        Path pcap = w.value("--pcap") == null ? null : pcapPath(w.value("--pcap"));
        if (plainBackends && !tls) {
            throw new UsageException("--plain-backends only makes sense with --tls", VIP_USAGE);
        }
        if (sni != null && !tls) {
            throw new UsageException("--sni only makes sense with --tls", VIP_USAGE);
        }
        if (backends.size() > limits.maxBackends()) {
            throw new UsageException("more than " + limits.maxBackends() + " backends given; at most " + limits.maxBackends()
                    + " per check", VIP_USAGE);
        }
        return new Command.Vip(new VipCheckRequest(vip, backends, tls, !plainBackends, sni, path, timeout,
                !w.flag("--no-capture"), pcap, cluster), w.flag("--json"));
    }

    private List<HostPort> backends(String value) throws UsageException {
        List<HostPort> out = new ArrayList<>();
        Set<HostPort> seen = new LinkedHashSet<>();
        for (String part : value.split(",", -1)) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                throw new UsageException("--backends has an empty entry: separate HOST:PORT pairs with single "
                        + "commas", VIP_USAGE);
            }
            HostPort hp = Targets.parse(trimmed, "backend");
            if (!seen.add(hp)) {
                throw new UsageException("backend " + hp.label() + " is listed twice", VIP_USAGE);
            }
            out.add(hp);
            if (out.size() > limits.maxBackends()) {
                break; // the caller reports the limit; no need to parse a huge list
            }
        }
        return out;
    }

    private Duration timeout(String value) throws UsageException {
        return timeout(value, limits, VIP_USAGE);
    }

    /** A --timeout value within the configured range; shared by every command's parser. */
    static Duration timeout(String value, Limits limits, String usage) throws UsageException {
        Duration d = DurationText.parse(value, "--timeout");
        if (d.compareTo(limits.minTimeout()) < 0 || d.compareTo(limits.maxTimeout()) > 0) {
            throw new UsageException("--timeout " + Targets.shown(value) + " is out of range: from "
                    + limits.minTimeout().toMillis() + "ms to " + limits.maxTimeout().toSeconds() + "s", usage);
        }
        return d;
    }

    private static Path pcapPath(String value) throws UsageException {
        return pcapPath(value, VIP_USAGE);
    }

    /** A --pcap file name: no control characters, a valid path; shared by every command's parser. */
    static Path pcapPath(String value, String usage) throws UsageException {
        if (value.isBlank() || value.chars().anyMatch(Character::isISOControl)) {
            throw new UsageException("--pcap needs a file name", usage);
        }
        try {
            return Path.of(value);
        } catch (RuntimeException e) {
            throw new UsageException("--pcap '" + Targets.shown(value) + "' is not a valid path", usage);
        }
    }
}
