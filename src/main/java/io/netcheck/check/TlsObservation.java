package io.netcheck.check;

import io.netcheck.capture.WireFacts;
import io.netcheck.probe.CertificateInfo;
import io.netcheck.probe.TlsResult;
import java.time.Duration;
import java.time.Instant;

/**
 * A TLS handshake as the verdict rules see it, whichever command made it ({@code tls}, {@code http}).
 *
 * @param at       when it was checked: expiry is judged against this instant
 * @param warnDays how close an expiry counts as soon
 * @param wire     what the packets of the handshake's connection prove ({@link WireFacts#NONE} without a capture):
 *                 the wire's view of the handshake, beside the TLS library's
 */
public record TlsObservation(String label, TlsResult tls, Instant at, int warnDays, WireFacts wire) {
    public TlsObservation {
        wire = wire != null ? wire : WireFacts.NONE;
    }

    /** A handshake without its packets (no capture). */
    public TlsObservation(String label, TlsResult tls, Instant at, int warnDays) {
        this(label, tls, at, warnDays, WireFacts.NONE);
    }

    public CertificateInfo leaf() {
        return tls.chain().isEmpty() ? null : tls.chain().get(0);
    }

    /** The first certificate of the chain that is outside its validity period, null when none is. */
    public CertificateInfo invalidNow() {
        return tls.chain().stream().filter(c -> c.notAfter().isBefore(at) || c.notBefore().isAfter(at)).findFirst()
                .orElse(null);
    }

    /** Days left on the leaf certificate (negative when expired), null without a certificate. */
    public Long daysLeft() {
        CertificateInfo leaf = leaf();
        return leaf == null ? null : Duration.between(at, leaf.notAfter()).toDays();
    }

    public boolean expiresSoon() {
        CertificateInfo leaf = leaf();
        return leaf != null && leaf.notAfter().isAfter(at) && leaf.notAfter().isBefore(at.plus(Duration.ofDays(warnDays)));
    }
}
