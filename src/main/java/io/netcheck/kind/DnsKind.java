package io.netcheck.kind;

import io.netcheck.check.ClusterReader;
import io.netcheck.verdict.dns.DnsRules;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.DnsCheck;
import io.netcheck.check.DnsEvidence;
import io.netcheck.check.DnsRequest;
import io.netcheck.check.HostPort;
import io.netcheck.check.Pipeline;
import io.netcheck.check.ResolverResult;
import io.netcheck.command.Options;
import io.netcheck.command.Targets;
import io.netcheck.command.UsageException;
import io.netcheck.command.Words;
import io.netcheck.report.DnsReport;
import io.netcheck.report.Report;
import io.netcheck.verdict.dns.DnsWords;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Verdict;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code dns NAME [TYPE] [@SERVER]}: the host/dig test. */
public final class DnsKind implements CheckKind<DnsRequest, DnsEvidence> {
    public static final String USAGE = """
            usage: dns NAME [TYPE] [@SERVER] [--expect ADDR] [--timeout 3s] [--json]
              the host/dig test: asks the system resolvers (and SERVER) at once; rcode, records with TTLs,
              who answered and how fast; asks a made-up name under the same parent to catch resolvers that
              invent answers
              TYPE              A (default), AAAA, CNAME, MX, TXT, NS, SOA, SRV, PTR
                                (PTR takes an IP address and builds the reverse name; an address alone means PTR)
              @SERVER           a resolver to ask too, by address: @10.0.0.2, @10.0.0.2:5353, @[2001:db8::53]
              --expect ADDR     call it out when the name does not resolve to ADDR
              --timeout 3s      how long to wait for each answer
              --json            print one JSON object instead of text""";

    @Override
    public DnsRequest resolved(DnsRequest request, ClusterReader cluster) {
        return request; // names no Service
    }

    @Override
    public String verb() {
        return "dns";
    }

    @Override
    public String summary() {
        return "dns NAME [TYPE] [@SERVER] the host/dig test: every resolver's answer, TTLs, invented answers";
    }

    @Override
    public List<String> examples() {
        return List.of("dns checkout.internal A @10.0.0.2 --expect 10.0.0.5");
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public Options options() {
        return new Options(Set.of(), Set.of("--timeout", "--expect"));
    }

    @Override
    public DnsRequest parse(Words w) throws UsageException {
        String name = null;
        String type = null;
        InetSocketAddress server = null;
        for (String word : w.positional()) {
            if (word.startsWith("@")) {
                if (server != null) {
                    throw w.error("only one @SERVER per check");
                }
                server = server(w, word.substring(1));
            } else if (name != null && DnsRequest.TYPES.contains(word.toUpperCase(Locale.ROOT))) {
                if (type != null) {
                    throw w.error("unexpected '" + Targets.shown(word) + "': the type is already " + type);
                }
                type = word.toUpperCase(Locale.ROOT);
            } else if (name == null) {
                name = word;
            } else {
                throw w.error("unexpected '" + Targets.shown(word) + "': TYPE is one of "
                        + String.join(", ", DnsRequest.TYPES));
            }
        }
        if (name == null) {
            throw w.error("which name? e.g. dns www.example.com");
        }
        InetAddress literal = Targets.ip(name);
        if (literal != null) {
            if (type != null && !type.equals("PTR")) {
                throw w.error("'" + Targets.shown(name) + "' is an address, not a name: only PTR can be "
                        + "asked for an address (dns " + Targets.shown(name) + " PTR)");
            }
            type = "PTR";
        } else {
            Targets.validateName(name, "name");
            if (name.length() > 253 + 1) {
                throw w.error("name too long");
            }
            if ("PTR".equals(type) && !name.toLowerCase(Locale.ROOT).matches(".*\\.(in-addr|ip6)\\.arpa\\.?")) {
                throw w.error("PTR needs an IP address (or a name under in-addr.arpa / ip6.arpa), e.g. "
                        + "dns 10.0.0.5 PTR");
            }
        }
        InetAddress expect = null;
        if (w.value("--expect") != null) {
            expect = Targets.ip(w.value("--expect"));
            if (expect == null) {
                throw w.error("--expect '" + Targets.shown(w.value("--expect")) + "' is not an IP address");
            }
        }
        return new DnsRequest(name, type == null ? "A" : type, server, expect, w.timeout());
    }

    private static InetSocketAddress server(Words w, String text) throws UsageException {
        String host = text;
        int port = 53;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw w.error("@SERVER '" + Targets.shown(text) + "': missing ']'");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw w.error("@SERVER '" + Targets.shown(text) + "': expected :PORT after ']'");
                }
                port = Targets.port(rest.substring(1), "@SERVER", text);
            }
        } else if (text.chars().filter(c -> c == ':').count() == 1) {
            host = text.substring(0, text.indexOf(':'));
            port = Targets.port(text.substring(text.indexOf(':') + 1), "@SERVER", text);
        }
        InetAddress address = Targets.ip(host);
        if (address == null) {
            throw w.error("@SERVER '" + Targets.shown(text) + "' must be an IP address (a resolver's name "
                    + "would itself need resolving), e.g. @10.0.0.2");
        }
        return new InetSocketAddress(address, port);
    }

    /** The @SERVER given (the system resolvers are netcheck's own, not targets a user chose). */
    @Override
    public List<HostPort> targets(DnsRequest request) {
        InetSocketAddress server = request.server();
        return server == null ? List.of() : List.of(new HostPort(server.getAddress().getHostAddress(), server.getPort()));
    }

    @Override
    public Probe<DnsRequest, DnsEvidence> probe(Pipeline p) {
        DnsCheck check = new DnsCheck(p.runner(), p.clock(), DnsCheck.SYSTEM_SERVERS, p.policy());
        return (request, progress) -> check.run(request);
    }

    @Override
    public List<Rule<DnsEvidence>> rules() {
        return DnsRules.DNS;
    }

    @Override
    public CaptureSummary capture(DnsEvidence evidence) {
        return null;
    }

    @Override
    public String unmatched(DnsEvidence evidence) {
        return evidence.all().stream().map(DnsWords::answer).reduce((a, b) -> a + "; " + b).orElse("no answer");
    }

    @Override
    public Report report(DnsEvidence evidence, Verdict verdict) {
        return DnsReport.of(evidence, verdict);
    }

    @Override
    public boolean healthyNeedsCapture() {
        return false;
    }

    @Override
    public List<InetAddress> probed(DnsEvidence evidence) {
        ProbedAddresses out = new ProbedAddresses();
        for (ResolverResult r : evidence.all()) {
            InetSocketAddress server = r.answer().query().server();
            out.add(server == null ? null : server.getAddress());
        }
        return out.list();
    }
}
