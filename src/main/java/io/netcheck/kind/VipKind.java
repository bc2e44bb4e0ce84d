package io.netcheck.kind;

import io.netcheck.check.ClusterReader;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.HostPort;
import io.netcheck.check.Pipeline;
import io.netcheck.check.VipCheckRequest;
import io.netcheck.check.VipChecklist;
import io.netcheck.check.VipEvidence;
import io.netcheck.command.Options;
import io.netcheck.command.Targets;
import io.netcheck.command.UsageException;
import io.netcheck.command.Words;
import io.netcheck.report.Report;
import io.netcheck.report.VipReport;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Verdict;
import io.netcheck.verdict.vip.VipRules;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code vip HOST:PORT [--backends ...]}: the three-step load-balancer checklist with packet evidence. */
public final class VipKind implements CheckKind<VipCheckRequest, VipEvidence> {
    public static final String USAGE = """
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

    private static final Pattern SAFE_PATH = Pattern.compile("/[\\x21-\\x7e]{0,2047}");

    @Override
    public VipCheckRequest resolved(VipCheckRequest request, ClusterReader cluster) throws InterruptedException {
        return cluster.resolve(request);
    }

    @Override
    public String verb() {
        return "vip";
    }

    @Override
    public String summary() {
        return "vip HOST:PORT [options]   three-step load-balancer checklist with packet evidence";
    }

    @Override
    public List<String> examples() {
        return List.of("vip 10.0.0.5:443 --tls --backends 10.0.1.10:443,10.0.1.11:443",
                "vip checkout.internal:80 --path /healthz --timeout 2s",
                "vip svc/checkout.shop:http");
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public Options options() {
        return new Options(Set.of("--tls", "--plain-backends", "--no-capture"),
                Set.of("--backends", "--sni", "--path", "--timeout", "--pcap", "--via"), Set.of("--backends"));
    }

    @Override
    public VipCheckRequest parse(Words w) throws UsageException {
        String vipWord = w.onePositional("which VIP? give HOST:PORT, e.g. vip 10.0.0.5:443",
                "only one VIP per check (real servers go in --backends)");
        var vipService = ServiceTargets.vip(vipWord);
        HostPort vip = vipService != null ? ServiceTargets.placeholder(vipService) : Targets.parse(vipWord, "VIP");
        boolean tls = w.flag("--tls");
        boolean plainBackends = w.flag("--plain-backends");
        int maxBackends = w.limits().maxBackends();
        var backendsService = w.flag("--backends") ? ServiceTargets.backends(w.value("--backends")) : null;
        List<HostPort> backends = w.flag("--backends") && backendsService == null
                ? backends(w, w.value("--backends"), maxBackends) : List.of();
        var cluster = ServiceTargets.pool(vipService, backendsService, w.flag("--backends"), w.value("--via"));
        String sni = w.value("--sni");
        if (sni != null) {
            Targets.validateName(sni, "--sni");
        }
        String path = w.value("--path") == null ? "/" : w.value("--path");
        if (!SAFE_PATH.matcher(path).matches()) {
            throw w.error("--path '" + Targets.shown(path) + "' must start with / and "
                    + "contain no spaces or control characters");
        }
        Duration timeout = w.timeout();
        Path pcap = w.pcap();
        if (plainBackends && !tls) {
            throw w.error("--plain-backends only makes sense with --tls");
        }
        if (sni != null && !tls) {
            throw w.error("--sni only makes sense with --tls");
        }
        if (backends.size() > maxBackends) {
            throw w.error("more than " + maxBackends + " backends given; at most " + maxBackends + " per check");
        }
        return new VipCheckRequest(vip, backends, tls, !plainBackends, sni, path, timeout, !w.flag("--no-capture"),
                pcap, cluster);
    }

    private static List<HostPort> backends(Words w, String value, int max) throws UsageException {
        List<HostPort> out = new ArrayList<>();
        Set<HostPort> seen = new LinkedHashSet<>();
        for (String part : value.split(",", -1)) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                throw w.error("--backends has an empty entry: separate HOST:PORT pairs with single commas");
            }
            HostPort hp = Targets.parse(trimmed, "backend");
            if (!seen.add(hp)) {
                throw w.error("backend " + hp.label() + " is listed twice");
            }
            out.add(hp);
            if (out.size() > max) {
                break; // the caller reports the limit; no need to parse a huge list
            }
        }
        return out;
    }

    @Override
    public List<HostPort> targets(VipCheckRequest request) {
        List<HostPort> targets = new ArrayList<>(request.backends());
        targets.add(0, request.vip());
        return targets;
    }

    @Override
    public Probe<VipCheckRequest, VipEvidence> probe(Pipeline p) {
        VipChecklist checklist = new VipChecklist(p.resolver(), p.capture(), p.runner(), p.clock(), p.settings(),
                p.policy(), p.certificates());
        return checklist::run;
    }

    @Override
    public List<Rule<VipEvidence>> rules() {
        return VipRules.TABLE;
    }

    @Override
    public CaptureSummary capture(VipEvidence evidence) {
        return evidence.capture();
    }

    @Override
    public String unmatched(VipEvidence evidence) {
        return VipRules.unmatched(evidence);
    }

    @Override
    public Report report(VipEvidence evidence, Verdict verdict) {
        return VipReport.of(evidence, verdict);
    }

    /** Who answered the VIP is read from the packets: without them even a healthy verdict is less sure. */
    @Override
    public boolean healthyNeedsCapture() {
        return true;
    }

    @Override
    public List<InetAddress> probed(VipEvidence evidence) {
        ProbedAddresses out = new ProbedAddresses().add(evidence.vip());
        evidence.backends().forEach(out::add);
        return out.list();
    }
}
