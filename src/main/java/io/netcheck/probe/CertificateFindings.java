package io.netcheck.probe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client that verifies certificates would think of the chain a server presented: one assessment,
 * made at handshake time by {@link CertificateCheck}, that {@code vip}, {@code tls} and {@code http} all judge by.
 *
 * @param checkedAt    the instant the dates were judged against
 * @param name         the name asked for: the SNI name, or the address when none was sent
 * @param nameIsAddress whether {@code name} is an address (checked against IP SANs)
 * @param nameMatches  whether the leaf covers {@code name} (RFC 6125: SANs only, one left-most wildcard label)
 * @param trusted      whether the chain leads to a CA of {@code trustStore} (dates aside: they are judged below)
 * @param trustProblem why it does not, null when trusted
 * @param trustStore   what it was checked against, e.g. "the system trust store and netcheck.tls.ca-bundle (...)"
 * @param expired      the first certificate of the chain past its notAfter, null when none is
 * @param notYetValid  the first certificate of the chain before its notBefore, null when none is
 * @param weaknesses   keys and signatures current clients refuse
 * @param daysLeft     whole days until the leaf expires (negative once expired)
 * @param warnDays     the warning window
 * @param expiresSoon  the leaf is valid now but expires within the warning window
 */
public record CertificateFindings(Instant checkedAt, String name, boolean nameIsAddress, boolean nameMatches,
                                  boolean trusted, String trustProblem, String trustStore, CertificateInfo expired,
                                  CertificateInfo notYetValid, List<Weakness> weaknesses, long daysLeft, int warnDays,
                                  boolean expiresSoon) {
    public CertificateFindings {
        weaknesses = List.copyOf(weaknesses);
    }

    /** What makes a verifying client refuse the certificate, most specific first. */
    public enum Problem {
        EXPIRED, NOT_YET_VALID, NAME_MISMATCH, WEAK, UNTRUSTED
    }

    /**
     * One weak key or signature.
     *
     * @param depth   position in the chain, 0 = the server's own certificate
     * @param problem e.g. "RSA key of 1024 bits (clients require 2048 or more)"
     */
    public record Weakness(int depth, String subject, String problem) {
    }

    /** Every reason a verifying client refuses this certificate, in {@link Problem} order; empty when none. */
    public List<Problem> problems() {
        List<Problem> p = new ArrayList<>();
        if (expired != null) {
            p.add(Problem.EXPIRED);
        }
        if (notYetValid != null) {
            p.add(Problem.NOT_YET_VALID);
        }
        if (!nameMatches) {
            p.add(Problem.NAME_MISMATCH);
        }
        if (!weaknesses.isEmpty()) {
            p.add(Problem.WEAK);
        }
        if (!trusted) {
            p.add(Problem.UNTRUSTED);
        }
        return p;
    }

    /** A client that verifies certificates (browsers, curl, Java) refuses this one. */
    public boolean rejected() {
        return !problems().isEmpty();
    }
}
