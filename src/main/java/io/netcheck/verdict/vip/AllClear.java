package io.netcheck.verdict.vip;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.tls.TlsWords;
import io.netcheck.check.VipEvidence;
import io.netcheck.probe.CertificateFindings;
import io.netcheck.probe.TlsResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The VIP answers, and so does every real server given. */
public final class AllClear implements Rule<VipEvidence> {
    @Override
    public String id() {
        return "all-clear";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        if (!e.vip().state().up() || e.backendsUp() != e.backends().size()) {
            return Optional.empty();
        }
        List<String> next = new ArrayList<>();
        return Optional.of(new Finding(Cause.HEALTHY, e.hasBackends() ? Confidence.HIGH : Confidence.MEDIUM,
                e.vip().target().label() + " answers" + (e.hasBackends() ? ", and so do all "
                        + e.backends().size() + " real servers" : ""),
                "From netcheck's position the VIP works end to end: " + Describe.connect(e.vip()) + "; "
                        + Describe.exchange(e.vip()) + "." + (e.hasBackends() ? " " + Describe.backends(e) + "." : "")
                        + " If users still fail, compare their network position (source address, DNS view) "
                        + "with this host's." + certificateNotes(e, next),
                next).withSignals("the VIP serves: " + Describe.exchange(e.vip()),
                e.hasBackends() ? "probed directly, " + Describe.backends(e) : null));
    }

    /** Not faults, but worth saying: a certificate close to expiry, or one whose names were not judged. */
    private static String certificateNotes(VipEvidence e, List<String> next) {
        TlsResult tls = e.vip().result() == null ? null : e.vip().result().tls();
        if (tls == null || tls.certificate() == null || tls.chain().isEmpty()) {
            return "";
        }
        CertificateFindings f = tls.certificate();
        StringBuilder notes = new StringBuilder();
        if (f.expiresSoon()) {
            notes.append(" NOTE: the VIP's certificate (").append(tls.chain().get(0).subject()).append(") expires in ")
                    .append(f.daysLeft()).append(f.daysLeft() == 1 ? " day" : " days").append(", on ")
                    .append(tls.chain().get(0).notAfter()).append(", within the ").append(f.warnDays())
                    .append("-day warning window; after that every client refuses it.");
            next.add("renew the certificate for " + f.name() + " before " + tls.chain().get(0).notAfter()
                    + ", and check its automatic renewal");
        }
        if (f.nameIsAddress() && !f.nameMatches()) {
            notes.append(" NOTE: the certificate covers ").append(TlsWords.names(tls.chain().get(0))).append(", not ")
                    .append(f.name()).append("; names were not judged because none was given.");
            next.add("run again with --sni NAME, the name clients use, to have the certificate judged against it");
        }
        return notes.toString();
    }
}
