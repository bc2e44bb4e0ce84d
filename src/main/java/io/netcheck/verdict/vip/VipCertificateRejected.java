package io.netcheck.verdict.vip;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.tls.TlsWords;
import io.netcheck.check.Attribution;
import io.netcheck.check.EndpointEvidence;
import io.netcheck.check.VipEvidence;
import io.netcheck.probe.CertificateFindings;
import io.netcheck.probe.CertificateFindings.Problem;
import io.netcheck.probe.CertificateInfo;
import io.netcheck.probe.TlsResult;
import io.netcheck.probe.TrustAnchors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The VIP completes the TLS handshake, but with a certificate every verifying client refuses: expired, not
 * yet valid, for another name, weak, or not leading to a trusted CA. netcheck finishes the handshake anyway
 * to gather the rest of the evidence; clients do not, so nothing behind the VIP matters until this is fixed.
 * A name is judged only when one was asked (SNI): against a bare address, clients' names are unknown.
 */
public final class VipCertificateRejected implements Rule<VipEvidence> {
    @Override
    public String id() {
        return "tls-certificate-rejected";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        EndpointEvidence vip = e.vip();
        TlsResult tls = vip.connected() ? vip.result().tls() : null;
        if (tls == null || !tls.established() || tls.certificate() == null) {
            return Optional.empty();
        }
        CertificateFindings f = tls.certificate();
        List<Problem> problems = judged(f);
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        CertificateInfo leaf = tls.chain().isEmpty() ? null : tls.chain().get(0);
        String label = vip.target().label();
        String sentences = problems.stream().map(p -> leaf == null && p != Problem.UNTRUSTED ? null
                : TlsWords.problem(p, f, leaf)).filter(s -> s != null).collect(Collectors.joining("; "));
        String past = vip.result().exchange() != null ? " Past the certificate, " + Describe.exchange(vip) + "." : "";
        String backends = e.hasBackends() ? " " + Describe.backends(e) + "." : "";
        return Optional.of(new Finding(Cause.TLS, problems.equals(List.of(Problem.UNTRUSTED)) ? Confidence.MEDIUM
                : Confidence.HIGH, summary(problems.get(0), f, leaf, label),
                "netcheck completed the TLS handshake with " + label + " (" + TlsWords.handshake(tls) + ") to gather "
                        + "the rest of the evidence, but a client that verifies certificates refuses this one: "
                        + sentences + "."
                        + (leaf == null ? "" : " The certificate: " + TlsWords.certificate(leaf) + ".")
                        + " Whoever terminates TLS for this VIP (usually the load balancer) serves it, so clients fail "
                        + "before any request reaches a real server." + past + backends,
                nextSteps(problems, f, label)).withSignals(terminator(e, sentences)));
    }

    /**
     * The certificate's problem is one signal; who serves it is the other: the VIP host itself (it accepted the
     * connection), or servers that speak plain HTTP behind it. Behind a pass-through VIP the servers serve the
     * certificate, and the finding stays at MEDIUM.
     */
    private static List<String> terminator(VipEvidence e, String sentences) {
        List<String> signals = new ArrayList<>();
        signals.add("the certificate presented: " + sentences);
        if (e.attribution().origin() == Attribution.Origin.VIP_HOST) {
            signals.add("the VIP host itself accepted the connection, so it serves the certificate: "
                    + e.attribution().signals().get(0));
        }
        long plain = e.backends().stream().filter(b -> b.result() != null && b.result().plainHttpBehindTls()).count();
        if (plain > 0) {
            signals.add(plain + " real server(s) speak plain HTTP behind it: the load balancer terminates TLS");
        }
        return signals;
    }

    /** The problems that count for a VIP: a name mismatch only when a name was asked. */
    public static List<Problem> judged(CertificateFindings f) {
        List<Problem> p = new ArrayList<>(f.problems());
        if (f.nameIsAddress()) {
            p.remove(Problem.NAME_MISMATCH);
        }
        return p;
    }

    private static String summary(Problem first, CertificateFindings f, CertificateInfo leaf, String label) {
        return switch (first) {
            case EXPIRED -> (f.expired().equals(leaf) ? "the certificate of " : "a chain certificate of ") + label
                    + " expired on " + f.expired().notAfter();
            case NOT_YET_VALID -> (f.notYetValid().equals(leaf) ? "the certificate of " : "a chain certificate of ")
                    + label + " is not valid before " + f.notYetValid().notBefore();
            case NAME_MISMATCH -> "the certificate of " + label + " does not cover " + f.name();
            case WEAK -> "the certificate chain of " + label + " uses a weak key or signature";
            case UNTRUSTED -> "the certificate chain of " + label + " is not trusted";
        };
    }

    private static List<String> nextSteps(List<Problem> problems, CertificateFindings f, String label) {
        List<String> next = new ArrayList<>();
        for (Problem p : problems) {
            switch (p) {
                case EXPIRED -> next.add("renew the certificate for " + f.name() + ", deploy it on the load balancer "
                        + "and reload it");
                case NOT_YET_VALID -> next.add("compare the load balancer's and this host's clocks (date -u) with the "
                        + "certificate's start date; if they are right, deploy a certificate valid now");
                case NAME_MISMATCH -> next.add("bind the certificate for " + f.name() + " to this VIP (SNI), or add "
                        + f.name() + " to the certificate's subject alternative names");
                case WEAK -> next.add("reissue the certificate with an RSA 2048+ or ECDSA P-256 key and a SHA-256 "
                        + "signature");
                case UNTRUSTED -> {
                    next.add("serve the full chain (leaf and intermediates) from the load balancer");
                    next.add("if the CA is private, give netcheck its PEM with " + TrustAnchors.SETTING
                            + " (clients need it in their trust stores too)");
                }
            }
        }
        next.add("compare with openssl s_client -connect " + label + (f.nameIsAddress() ? "" : " -servername "
                + f.name()) + " -showcerts");
        return next;
    }
}
