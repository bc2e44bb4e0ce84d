package io.netcheck.probe;

import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * Judges the chain a server presented as a client that verifies certificates would: trust (against the
 * system store plus the configured CA bundle), validity dates (against the injected clock), the name asked,
 * weak keys and signatures, and closeness to expiry. netcheck completes handshakes whatever the chain, so
 * these are findings to report, never a reason to stop.
 */
public final class CertificateCheck {
    /** The warning window when nothing is configured ({@code netcheck.probe.cert-warn-days}). */
    public static final int DEFAULT_WARN_DAYS = 14;
    static final int MIN_RSA_BITS = 2048;
    static final int MIN_EC_BITS = 224;

    private final TrustAnchors trust;
    private final Clock clock;
    private final int warnDays;

    /**
     * Parses the trust store and initialises the TLS engine now, outside any probe's deadline: in a cold JVM on a busy
     * host the first handshake otherwise spends its whole budget on that and the probe overruns.
     */
    public void warmUp() {
        trust.warmUp();
        TlsHandshake.warmUp();
    }

    public CertificateCheck(TrustAnchors trust, Clock clock, int warnDays) {
        this.trust = trust;
        this.clock = clock;
        this.warnDays = warnDays;
    }

    /** The JVM's trust store, the system clock, the default warning window. */
    public static CertificateCheck systemDefault() {
        return new CertificateCheck(TrustAnchors.system(), Clock.systemUTC(), DEFAULT_WARN_DAYS);
    }

    /** The same check with another warning window ({@code tls --warn-days N}). */
    public CertificateCheck withWarnDays(int days) {
        return days == warnDays ? this : new CertificateCheck(trust, clock, days);
    }

    public int warnDays() {
        return warnDays;
    }

    /** @param chain leaf first, as the server sent it */
    public CertificateFindings assess(List<X509Certificate> chain, ServiceTarget target) {
        Instant at = clock.instant();
        boolean isAddress = target.sni() == null;
        String name = isAddress ? target.address().getAddress().getHostAddress() : target.sni();
        if (chain.isEmpty()) {
            return judge(at, List.of(), name, true, false, "no certificate presented");
        }
        return judge(at, chain.stream().map(CertificateCheck::info).toList(), name, isAddress,
                nameMatches(chain.get(0), name, isAddress), trustProblem(chain, at));
    }

    /**
     * The findings for a chain already read: dates against {@code at}, keys, signatures, the warning window.
     *
     * @param trustProblem why the chain does not lead to a trusted CA, null when it does
     */
    public CertificateFindings judge(Instant at, List<CertificateInfo> chain, String name, boolean nameIsAddress,
                                     boolean nameMatches, String trustProblem) {
        if (chain.isEmpty()) {
            return new CertificateFindings(at, name, nameIsAddress, false, false, trustProblem, trust.description(),
                    null, null, List.of(), 0, warnDays, false);
        }
        CertificateInfo expired = chain.stream().filter(c -> c.notAfter().isBefore(at)).findFirst().orElse(null);
        CertificateInfo notYet = chain.stream().filter(c -> c.notBefore().isAfter(at)).findFirst().orElse(null);
        CertificateInfo leaf = chain.get(0);
        boolean soon = expired == null && notYet == null
                && leaf.notAfter().isBefore(at.plus(Duration.ofDays(warnDays)));
        return new CertificateFindings(at, name, nameIsAddress, nameMatches, trustProblem == null, trustProblem,
                trust.description(), expired, notYet, weaknesses(chain), Duration.between(at, leaf.notAfter()).toDays(),
                warnDays, soon);
    }

    /**
     * Null when the chain leads to a trusted CA. Dates are judged apart (expired/notYetValid): a chain
     * that verifies at a moment inside every certificate's validity counts as trusted, so an expired
     * certificate from a known CA reads "expired", not "untrusted".
     */
    String trustProblem(List<X509Certificate> chain, Instant at) {
        if (trust.isAnchor(chain.get(0))) {
            return null; // the bundle names the server's own certificate (a pinned self-signed one)
        }
        try {
            build(chain, at);
            return null;
        } catch (GeneralSecurityException e) {
            Instant inside = insideEveryValidity(chain);
            if (inside != null && !inside.equals(at)) {
                try {
                    build(chain, inside);
                    return null;
                } catch (GeneralSecurityException ignored) {
                    // untrusted whatever the date: report the failure at the real time
                }
            }
            X509Certificate last = chain.get(chain.size() - 1);
            String subject = last.getSubjectX500Principal().getName();
            String issuer = last.getIssuerX500Principal().getName();
            String why = e.getMessage() == null || e.getMessage().contains("unable to find valid certification path")
                    ? "" : " (" + e.getMessage() + ")";
            String where = " not in " + trust.description();
            return (!subject.equals(issuer) ? issuer + ", the issuer of " + subject + ", is" + where
                    : chain.size() == 1 ? subject + " is self-signed and" + where
                    : "the chain ends at the root " + subject + ", which is" + where) + why;
        }
    }

    private void build(List<X509Certificate> chain, Instant at) throws GeneralSecurityException {
        X509CertSelector target = new X509CertSelector();
        target.setCertificate(chain.get(0));
        PKIXBuilderParameters params = new PKIXBuilderParameters(trust.anchors(), target);
        params.setRevocationEnabled(false); // no OCSP/CRL fetches: netcheck sends packets only where it is told
        params.setDate(Date.from(at));
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
        CertPathBuilder.getInstance("PKIX").build(params);
    }

    /** The latest notBefore of the chain when it is before every notAfter; null when the periods do not overlap. */
    private static Instant insideEveryValidity(List<X509Certificate> chain) {
        Instant from = chain.stream().map(c -> c.getNotBefore().toInstant()).max(Instant::compareTo).orElseThrow();
        Instant to = chain.stream().map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElseThrow();
        return from.isAfter(to) ? null : from;
    }

    static List<CertificateFindings.Weakness> weaknesses(List<CertificateInfo> chain) {
        List<CertificateFindings.Weakness> out = new ArrayList<>();
        for (int depth = 0; depth < chain.size(); depth++) {
            CertificateInfo c = chain.get(depth);
            String key = c.keyAlgorithm().toUpperCase(Locale.ROOT);
            if (key.equals("RSA") && c.keyBits() > 0 && c.keyBits() < MIN_RSA_BITS) {
                out.add(new CertificateFindings.Weakness(depth, c.subject(), "RSA key of " + c.keyBits()
                        + " bits (clients require " + MIN_RSA_BITS + " or more)"));
            } else if (key.equals("EC") && c.keyBits() > 0 && c.keyBits() < MIN_EC_BITS) {
                out.add(new CertificateFindings.Weakness(depth, c.subject(), "EC key of " + c.keyBits()
                        + " bits (clients require " + MIN_EC_BITS + " or more)"));
            } else if (key.equals("DSA")) {
                out.add(new CertificateFindings.Weakness(depth, c.subject(), "DSA key (TLS 1.3 and current "
                        + "browsers do not accept DSA certificates)"));
            }
            String sig = c.signatureAlgorithm().toUpperCase(Locale.ROOT);
            // A root's own signature is never checked (it is trusted as such); every other one is.
            if (!c.selfIssued() && (sig.startsWith("MD5") || sig.startsWith("MD2") || sig.startsWith("SHA1WITH"))) {
                out.add(new CertificateFindings.Weakness(depth, c.subject(), "signed with " + c.signatureAlgorithm()
                        + " (" + (sig.startsWith("SHA1") ? "SHA-1" : "MD5/MD2") + " signatures are refused: "
                        + "collisions can be forged)"));
            }
        }
        return out;
    }

    /** RFC 6125: DNS SANs for a name (no CN fallback), IP SANs for an address. */
    static boolean nameMatches(X509Certificate leaf, String name, boolean isAddress) {
        try {
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            if (sans == null) {
                return false;
            }
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                String value = String.valueOf(san.get(1));
                if (isAddress && type == 7 && sameAddress(value, name)) {
                    return true;
                }
                if (!isAddress && type == 2 && dnsNameMatches(value, name)) {
                    return true;
                }
            }
            return false;
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private static boolean sameAddress(String literal, String address) {
        InetAddress a = Addresses.literal(literal);
        InetAddress b = Addresses.literal(address);
        return a != null && a.equals(b);
    }

    /** RFC 6125: a wildcard stands for exactly one left-most label. */
    static boolean dnsNameMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot + 1).equals(p.substring(2));
        }
        return p.equals(h);
    }

    static CertificateInfo info(X509Certificate c) {
        List<String> sans = new ArrayList<>();
        try {
            if (c.getSubjectAlternativeNames() != null) {
                for (List<?> san : c.getSubjectAlternativeNames()) {
                    int type = (Integer) san.get(0);
                    sans.add((type == 7 ? "IP:" : type == 2 ? "DNS:" : "") + san.get(1));
                }
            }
        } catch (CertificateParsingException ignored) {
            // leave SANs empty: the subject still identifies the certificate
        }
        PublicKey key = c.getPublicKey();
        return new CertificateInfo(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(), sans,
                c.getNotBefore().toInstant(), c.getNotAfter().toInstant(), c.getSerialNumber().toString(16),
                c.getSigAlgName(), keyAlgorithm(key), keyBits(key));
    }

    private static String keyAlgorithm(PublicKey key) {
        if (key instanceof EdECPublicKey ed) {
            return ed.getParams().getName();
        }
        return key.getAlgorithm();
    }

    private static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getOrder().bitLength();
        }
        if (key instanceof DSAPublicKey dsa && dsa.getParams() != null) {
            return dsa.getParams().getP().bitLength();
        }
        if (key instanceof EdECPublicKey ed) {
            return ed.getParams().getName().equalsIgnoreCase("Ed448") ? 448 : 255;
        }
        return 0;
    }
}
