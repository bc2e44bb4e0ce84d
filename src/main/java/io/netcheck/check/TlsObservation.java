package io.netcheck.check;

import io.netcheck.capture.WireFacts;
import io.netcheck.probe.CertificateFindings;
import io.netcheck.probe.CertificateInfo;
import io.netcheck.probe.TlsResult;
import java.time.Instant;

/**
 * A TLS handshake as the verdict rules see it, whichever command made it ({@code tls}, {@code http}). The
 * certificate was judged once, at handshake time ({@link TlsResult#certificate()}).
 *
 * @param wire what the packets of the handshake's connection prove ({@link WireFacts#NONE} without a capture):
 *             the wire's view of the handshake, beside the TLS library's
 */
public record TlsObservation(String label, TlsResult tls, WireFacts wire) {
    public TlsObservation {
        wire = wire != null ? wire : WireFacts.NONE;
    }

    /** A handshake without its packets (no capture). */
    public TlsObservation(String label, TlsResult tls) {
        this(label, tls, WireFacts.NONE);
    }

    /**
     * The handshake of an endpoint that accepted TCP and then failed TLS (the VIP checklist's VIP), null for any other
     * endpoint: what {@code tls-handshake-fails} reads, as for the {@code tls} command.
     */
    public static TlsObservation failedAt(EndpointEvidence e) {
        return e.state() == EndpointState.TLS_FAILED ? new TlsObservation(e.target().label(), e.result().tls(), e.wire())
                : null;
    }

    public CertificateInfo leaf() {
        return tls.chain().isEmpty() ? null : tls.chain().get(0);
    }

    /** The assessment of the chain; null when the handshake failed. */
    public CertificateFindings findings() {
        return tls.certificate();
    }

    /** When the dates were judged; null without a handshake. */
    public Instant at() {
        return findings() == null ? null : findings().checkedAt();
    }

    public int warnDays() {
        return findings() == null ? 0 : findings().warnDays();
    }

    /** The first certificate of the chain outside its validity period (expired or not yet valid), null when none. */
    public CertificateInfo invalidNow() {
        CertificateFindings f = findings();
        return f == null ? null : f.expired() != null ? f.expired() : f.notYetValid();
    }

    /** Days left on the leaf certificate (negative when expired), null without a certificate. */
    public Long daysLeft() {
        return findings() == null || leaf() == null ? null : findings().daysLeft();
    }

    public boolean expiresSoon() {
        return findings() != null && findings().expiresSoon();
    }

    /** A client that verifies certificates refuses this handshake (failed, or a certificate problem). */
    public boolean rejected() {
        return !tls.established() || findings() == null || findings().rejected();
    }
}
