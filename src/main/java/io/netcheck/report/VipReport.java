package io.netcheck.report;

import io.netcheck.capture.AddressText;
import io.netcheck.check.PoolEvidence;
import io.netcheck.check.Via;
import io.netcheck.check.Attribution;
import io.netcheck.check.EndpointEvidence;
import io.netcheck.check.VipHostEvidence;
import io.netcheck.check.EndpointState;
import io.netcheck.check.LbSideEvidence;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.Layer;
import io.netcheck.check.VipCheckRequest;
import io.netcheck.check.VipEvidence;
import io.netcheck.probe.CertificateFindings;
import io.netcheck.probe.CertificateInfo;
import io.netcheck.probe.HttpResponseSummary;
import io.netcheck.probe.ServiceResult;
import io.netcheck.probe.TlsResult;
import io.netcheck.probe.dns.Resolution;
import io.netcheck.probe.dns.ResolutionStatus;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.tls.TlsWords;
import io.netcheck.verdict.Verdict;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Lays the VIP checklist's evidence out as the three steps of the LB guide. */
public final class VipReport {
    private VipReport() {
    }

    public static Report of(VipEvidence e, Verdict verdict) {
        List<Step> steps = new ArrayList<>(List.of(reach(e), layer(e), backends(e)));
        if (!e.pathMtu().isEmpty()) {
            steps.add(PathMtuStep.of(e.pathMtu()));
        }
        return new Report(command(e.request()), e.request().vip().label(), e.startedAt(), e.elapsed(), verdict, steps,
                e.capture(), e);
    }

    public static String command(VipCheckRequest r) {
        StringBuilder sb = new StringBuilder("vip ").append(ClusterFacts.vipWord(r));
        var cluster = r.cluster();
        if (cluster != null && cluster.vipService() != null && cluster.via() != Via.CLUSTERIP) {
            sb.append(" --via ").append(cluster.via().word());
        }
        if (cluster != null && cluster.backendsService() != null) {
            if (!cluster.backendsService().equals(cluster.vipService())) {
                sb.append(" --backends ").append(cluster.backendsService().label());
            }
        } else if (!r.backends().isEmpty()) {
            sb.append(" --backends ").append(r.backends().stream().map(Object::toString).collect(Collectors.joining(",")));
        }
        if (r.tls()) {
            sb.append(" --tls");
        }
        if (r.tls() && !r.backendTls()) {
            sb.append(" --plain-backends");
        }
        if (r.sni() != null) {
            sb.append(" --sni ").append(r.sni());
        }
        if (!r.path().equals("/")) {
            sb.append(" --path ").append(r.path());
        }
        sb.append(" --timeout ").append(r.timeout().toMillis()).append("ms");
        return sb.toString();
    }

    private static Step reach(VipEvidence e) {
        EndpointEvidence vip = e.vip();
        List<Fact> facts = new ArrayList<>(endpointFacts(vip));
        facts.addAll(ClusterFacts.vip(e));
        if (e.attribution().origin() != Attribution.Origin.NO_ANSWER) {
            e.attribution().reasons().forEach(r -> facts.add(new Fact("answered by", r)));
        }
        EndpointState s = vip.state();
        String outcome = switch (s) {
            case DNS_FAILED -> "DNS_FAILED";
            case LOCAL_ERROR -> "LOCAL_ERROR";
            case OVERRAN -> "OVERRAN";
            case REFUSED -> "REFUSED";
            case TIMEOUT -> "TIMEOUT";
            case UNREACHABLE -> "ICMP_UNREACHABLE";
            default -> "CONNECTED";
        };
        if (s == EndpointState.UNREACHABLE && vip.wire().icmp() == null) {
            outcome = "UNREACHABLE";
        }
        List<String> packets = vip.packets().subList(0, Math.min(vip.requestAt(), vip.packets().size()));
        String summary = Describe.connect(vip);
        LbSideEvidence side = e.lbSide();
        if (side != null) {
            facts.addAll(sideFacts(side));
            int syns = vip.wire().synsSent();
            summary = summary + " — both sides: netcheck sent " + syns + " SYN" + (syns == 1 ? "" : "s") + "; "
                    + side.describe() + (vip.connected() || vip.wire().synAckSeen() || vip.wire().resetSeen() ? ""
                    : "; none came back");
            List<String> both = new ArrayList<>(packets.stream().map(p -> "[netcheck] " + p).toList());
            side.packets().forEach(p -> both.add("[" + side.agent() + "] " + p));
            packets = both;
        }
        return new Step("reach", "Does the connection reach the VIP?", vip.connected() ? StepStatus.PASS : StepStatus.FAIL,
                outcome, summary, facts, packets, List.of(vipHost(e.host())));
    }

    /** The load balancer's side of step 1: who captured there, how its clock compares, its own .pcap. */
    private static List<Fact> sideFacts(LbSideEvidence side) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("lb side", side.describe() + " (agent " + side.agent() + ", on the load balancer; its "
                + "packets are marked [" + side.agent() + "] and stamped with its clock)"));
        if (!side.matchedBy().equals("none")) {
            facts.add(new Fact("matched by", switch (side.matchedBy()) {
                case "source port" -> "netcheck's source address and port";
                case "source address" -> "netcheck's source address (the port was rewritten on the way)";
                default -> "the VIP's address and port only (both source address and port were rewritten: "
                        + "possibly netcheck's, NATed)";
            }));
        }
        if (side.offset() != null) {
            facts.add(new Fact("clock offset", side.agent() + "'s clock " + side.offset().text()
                    + " from netcheck's (measured over the agent connection)"));
        }
        CaptureSummary c = side.capture();
        facts.add(new Fact(side.agent() + " capture", c.available() ? c.packets() + " packets on "
                + String.join(", ", c.interfaces()) + (c.pcapFile() == null ? "" : ", " + c.pcapFile())
                + (c.problem() == null ? "" : " (" + c.problem() + ")") : "none: " + c.problem()));
        return facts;
    }

    /** The VIP host's own answers: the reference step 1 compares the VIP port's answer with. */
    private static Step vipHost(VipHostEvidence h) {
        return HostStep.of(h, "vip-host", "VIP");
    }

    private static Step layer(VipEvidence e) {
        EndpointEvidence vip = e.vip();
        String title = "Layer 4 or Layer 7?";
        if (!vip.connected()) {
            return new Step("layer", title, StepStatus.SKIPPED, e.layer().layer().name(),
                    "not reached: the VIP did not accept the connection", reasonFacts(e), List.of(), List.of());
        }
        List<Fact> facts = new ArrayList<>(exchangeFacts(vip));
        facts.addAll(reasonFacts(e));
        StepStatus status = vip.state().up() ? StepStatus.PASS : StepStatus.FAIL;
        List<String> packets = vip.packets().subList(Math.min(vip.requestAt(), vip.packets().size()), vip.packets().size());
        return new Step("layer", title, status, e.layer().layer().name(), Describe.exchange(vip), facts, packets, List.of());
    }

    private static List<Fact> reasonFacts(VipEvidence e) {
        List<Fact> facts = new ArrayList<>();
        if (e.layer().layer() != Layer.UNKNOWN || !e.layer().reasons().isEmpty()) {
            e.layer().reasons().forEach(r -> facts.add(new Fact("layer", r)));
        }
        return facts;
    }

    private static Step backends(VipEvidence e) {
        String title = "Can the real servers be reached?";
        if (!e.hasBackends()) {
            boolean fromCluster = PoolEvidence.pool(e) != null;
            return new Step("backends", title, fromCluster ? StepStatus.FAIL : StepStatus.SKIPPED, "NO_BACKENDS",
                    fromCluster ? "the Service has no endpoint to probe" : "no --backends given: the real servers were "
                            + "not probed", ClusterFacts.pool(e), List.of(), List.of());
        }
        List<Step> subs = e.backends().stream().map(b -> ClusterFacts.endpoint(e, b, backend(b, e.lbSide()))).toList();
        long up = e.backendsUp();
        StepStatus status = up == e.backends().size() ? StepStatus.PASS : up == 0 ? StepStatus.FAIL : StepStatus.WARN;
        LbSideEvidence side = e.lbSide();
        List<Fact> facts = new ArrayList<>(List.of(new Fact("position", side == null
                ? "probed from netcheck's host, in parallel"
                : "probed from agent " + side.agent() + " (on the load balancer), in parallel, under its target "
                + "policy")));
        facts.addAll(ClusterFacts.pool(e));
        long plain = e.backends().stream().filter(b -> b.result() != null && b.result().plainHttpBehindTls()).count();
        if (plain > 0) {
            facts.add(new Fact("tls", "the load balancer terminates TLS and speaks HTTP to the servers: " + plain + " of "
                    + e.backends().size() + " answered the TLS ClientHello in clear text and were asked again in plain "
                    + "HTTP (--plain-backends skips the TLS try)"));
        }
        return new Step("backends", title, status, up + "/" + e.backends().size() + " UP", Describe.backends(e),
                facts, List.of(), subs);
    }

    private static Step backend(EndpointEvidence b, LbSideEvidence side) {
        Step s = backend(b);
        return side == null ? s : new Step(s.name(), s.title(), s.status(), s.outcome(), s.summary(), s.facts(),
                s.packets().stream().map(p -> "[" + side.agent() + "] " + p).toList(), s.substeps());
    }

    private static Step backend(EndpointEvidence b) {
        List<Fact> facts = new ArrayList<>(endpointFacts(b));
        facts.addAll(exchangeFacts(b));
        StepStatus status = b.state().up() ? StepStatus.PASS : StepStatus.FAIL;
        String summary = b.connected() ? Describe.connect(b) + "; " + Describe.exchange(b) : Describe.connect(b);
        return new Step(b.target().label(), b.target().label(), status, b.state().name(), summary, facts, b.packets(),
                List.of());
    }

    private static List<Fact> endpointFacts(EndpointEvidence e) {
        List<Fact> facts = new ArrayList<>();
        Resolution r = e.resolution();
        if (r != null && r.status() != ResolutionStatus.LITERAL) {
            facts.add(new Fact("resolved", r.status().failed() ? r.name() + ": " + r.error()
                    : r.name() + " → " + r.addresses().stream().map(InetAddress::getHostAddress)
                    .collect(Collectors.joining(", ")) + " in " + Describe.ms(r.elapsed())
                    + (r.servers().isEmpty() ? "" : " via " + String.join(", ", r.servers()))));
        }
        if (e.address() != null && e.result() != null && e.result().connect().local() != null) {
            facts.add(new Fact("from", AddressText.of(e.result().connect().local().getAddress()) + "."
                    + e.result().connect().local().getPort() + " via " + e.interfaceName()));
        }
        if (e.result() != null && e.result().connect().error() != null) {
            facts.add(new Fact("socket", e.result().connect().error()));
        }
        if (e.problem() != null) {
            facts.add(new Fact("problem", e.problem()));
        }
        return facts;
    }

    /** What a verifying client would refuse, and how close the leaf is to expiry. */
    private static void certificateFacts(TlsResult tls, List<Fact> facts) {
        CertificateFindings f = tls.certificate();
        if (f == null || tls.chain().isEmpty()) {
            return;
        }
        CertificateInfo leaf = tls.chain().get(0);
        for (CertificateFindings.Problem p : f.problems()) {
            if (p != CertificateFindings.Problem.UNTRUSTED) { // the trust fact already says it
                facts.add(new Fact("certificate problem", TlsWords.problem(p, f, leaf)));
            }
        }
        if (f.expiresSoon()) {
            facts.add(new Fact("expiry", f.daysLeft() + " days left (within the " + f.warnDays()
                    + "-day warning window)"));
        }
    }

    private static List<Fact> exchangeFacts(EndpointEvidence e) {
        List<Fact> facts = new ArrayList<>();
        if (e.result() == null) {
            return facts;
        }
        ServiceResult tlsAttempt = e.result().tlsAttempt();
        if (tlsAttempt != null) {
            facts.add(new Fact("tls", "answered the TLS ClientHello in clear text (" + tlsAttempt.tls().error()
                    + "); asked again in plain HTTP"));
            if (e.result().plainHttpBehindTls()) {
                facts.add(new Fact("termination", "the load balancer terminates TLS and speaks HTTP to this server"));
            }
        }
        TlsResult tls = e.result().tls();
        if (tls != null) {
            if (tls.established()) {
                facts.add(new Fact("tls", tls.protocol() + ", " + tls.cipherSuite()
                        + (tls.sni() != null ? ", SNI " + tls.sni() : ", no SNI")));
                if (!tls.chain().isEmpty()) {
                    CertificateInfo leaf = tls.chain().get(0);
                    facts.add(new Fact("certificate", TlsWords.certificate(leaf)));
                }
                facts.add(new Fact("trust", (tls.trusted() ? "chain trusted" : "chain NOT trusted: " + tls.trustProblem())
                        + (tls.nameMatches() == null ? "" : tls.nameMatches() ? ", name matches" : ", name does NOT match")));
                certificateFacts(tls, facts);
            } else {
                facts.add(new Fact("tls", "handshake failed: " + tls.error()));
            }
        }
        HttpResponseSummary r = e.response();
        if (r != null) {
            facts.add(new Fact("response", r.statusLine()));
            r.header("Server").ifPresent(v -> facts.add(new Fact("server", v)));
            if (r.generatedBy() != null) {
                facts.add(new Fact("generated by", r.generatedBy().product() + ": " + r.generatedBy().meaning()));
            }
            facts.add(new Fact("body", Describe.body(e.result().exchange())));
            if (r.errorBodySnippet() != null && !r.errorBodySnippet().isEmpty()) {
                facts.add(new Fact("error page", r.errorBodySnippet()));
            }
        } else if (e.result().exchange() != null && e.result().exchange().error() != null) {
            facts.add(new Fact("exchange", e.result().exchange().error()));
        }
        return facts;
    }
}
