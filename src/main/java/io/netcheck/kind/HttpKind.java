package io.netcheck.kind;

import io.netcheck.check.ClusterReader;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.HostPort;
import io.netcheck.check.HttpCheck;
import io.netcheck.check.HttpCheckRequest;
import io.netcheck.check.HttpEvidence;
import io.netcheck.check.HttpHop;
import io.netcheck.check.MtuFollowUp;
import io.netcheck.check.Pipeline;
import io.netcheck.command.Options;
import io.netcheck.command.Targets;
import io.netcheck.command.UsageException;
import io.netcheck.command.Words;
import io.netcheck.report.HttpReport;
import io.netcheck.report.Report;
import io.netcheck.verdict.http.HttpRules;
import io.netcheck.verdict.http.HttpWords;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Verdict;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code http URL}: the curl -L test. */
public final class HttpKind implements CheckKind<HttpCheckRequest, HttpEvidence> {
    public static final String USAGE = """
            usage: http URL [--timeout 3s] [--insecure] [--json] [--no-capture] [--pcap FILE]
              the curl -L test: status, key headers, timing (resolve, connect, TLS, first byte, transfer),
              the redirect chain (up to 5, said out loud when it leaves the host), and whether a load
              balancer wrote the response itself
              URL               http://HOST[:PORT]/path or https://...; no user:password@
              --timeout 3s      time limit for each request of the chain
              --insecure        like curl -k: report certificate problems, do not fail on them
              --json            print one JSON object instead of text
              --no-capture      run without packet capture
              --pcap FILE       where to write the capture (default: the capture directory)""";

    @Override
    public HttpCheckRequest resolved(HttpCheckRequest request, ClusterReader cluster) {
        return request; // names no Service
    }

    @Override
    public String verb() {
        return "http";
    }

    @Override
    public String summary() {
        return "http URL                  the curl -L test: status, headers, timing, redirects, LB pages";
    }

    @Override
    public List<String> examples() {
        return List.of("http https://shop.example/healthz --timeout 5s");
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public Options options() {
        return new Options(Set.of("--no-capture", "--insecure"), Set.of("--timeout", "--pcap"));
    }

    @Override
    public HttpCheckRequest parse(Words w) throws UsageException {
        String text = w.onePositional("which URL? e.g. http https://shop.example/healthz", "only one URL per check");
        if (text.length() > 2048 || text.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw w.error("URL '" + Targets.shown(text) + "' must be at most 2048 printable ASCII characters "
                    + "without spaces");
        }
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw w.error("URL '" + Targets.shown(text) + "' is not valid: " + e.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw w.error("URL '" + Targets.shown(text) + "' must start with http:// or https://");
        }
        if (url.getRawUserInfo() != null) {
            throw w.error("URL '" + Targets.shown(text) + "': no user:password@ in URLs (it would end up in "
                    + "reports and Slack)");
        }
        if (url.getHost() == null) {
            String authority = url.getRawAuthority();
            if (authority != null && !authority.isEmpty()) {
                // java.net.URI gives no host for e.g. 999.1.1.1 or bad..name: let the target rules say why.
                Targets.parse(authority.contains(":") && !authority.endsWith("]") ? authority
                        : authority + ":" + (scheme.equals("https") ? 443 : 80), "URL host");
            }
            throw w.error("URL '" + Targets.shown(text) + "' has no valid host");
        }
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1)
                : url.getHost();
        int port = url.getPort() > 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        // Same host rules as HOST:PORT targets (names, dotted quads, bracketed IPv6).
        Targets.parse((host.contains(":") ? "[" + host + "]" : host) + ":" + port, "URL host");
        URI clean;
        try {
            clean = new URI(scheme, null, host, url.getPort(), url.getPath(), url.getQuery(), null);
        } catch (URISyntaxException e) {
            throw w.error("URL '" + Targets.shown(text) + "' is not valid: " + e.getReason());
        }
        return new HttpCheckRequest(clean, w.timeout(), w.flag("--insecure"), w.limits().certWarnDays(),
                !w.flag("--no-capture"), w.pcap());
    }

    @Override
    public List<HostPort> targets(HttpCheckRequest request) {
        URI url = request.url();
        int port = url.getPort() > 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        String host = url.getHost() == null ? "" : url.getHost().replaceAll("^\\[|]$", "");
        return List.of(new HostPort(host, port));
    }

    @Override
    public Probe<HttpCheckRequest, HttpEvidence> probe(Pipeline p) {
        HttpCheck check = new HttpCheck(p.targeting(), p.runner(), p.captureRun(), p.clock(), p.certificates(),
                new MtuFollowUp(p.runner(), p.policy(), p.clock()));
        return (request, progress) -> check.run(request);
    }

    @Override
    public List<Rule<HttpEvidence>> rules() {
        return HttpRules.HTTP;
    }

    @Override
    public CaptureSummary capture(HttpEvidence evidence) {
        return evidence.capture();
    }

    @Override
    public String unmatched(HttpEvidence evidence) {
        return evidence.hops().stream().map(HttpWords::hop).reduce((a, b) -> a + "; " + b).orElse("") + ".";
    }

    @Override
    public Report report(HttpEvidence evidence, Verdict verdict) {
        return HttpReport.of(evidence, verdict);
    }

    @Override
    public boolean healthyNeedsCapture() {
        return false;
    }

    @Override
    public List<InetAddress> probed(HttpEvidence evidence) {
        ProbedAddresses out = new ProbedAddresses();
        for (HttpHop hop : evidence.hops()) {
            out.add(hop.attempt());
        }
        return out.list();
    }
}
