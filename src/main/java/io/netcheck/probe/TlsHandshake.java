package io.netcheck.probe;

import java.io.IOException;
import java.net.IDN;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Runs a TLS handshake over an established connection and records what the server presented. */
final class TlsHandshake {
    private static final SSLContext ACCEPT_ALL = acceptAllContext();

    private TlsHandshake() {
    }

    record Outcome(TlsResult result, SSLSocket socket) {
    }

    static Outcome run(Socket plain, ServiceTarget target, Deadline deadline) {
        long t0 = System.nanoTime();
        try {
            SSLSocket tls = (SSLSocket) ACCEPT_ALL.getSocketFactory().createSocket(plain,
                    target.sni() == null ? target.address().getAddress().getHostAddress() : target.sni(),
                    target.address().getPort(), true);
            SSLParameters params = tls.getSSLParameters();
            if (target.sni() != null) {
                params.setServerNames(List.of(new SNIHostName(IDN.toASCII(target.sni()))));
            }
            tls.setSSLParameters(params);
            tls.setSoTimeout(deadline.remainingMillisForSocket());
            tls.startHandshake();
            var session = tls.getSession();
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : session.getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    chain.add(x);
                }
            }
            String trustProblem = trustProblem(chain);
            Boolean nameMatches = chain.isEmpty() ? Boolean.FALSE : nameMatches(chain.get(0), target);
            return new Outcome(new TlsResult(true, session.getProtocol(), session.getCipherSuite(), target.sni(),
                    chain.stream().map(TlsHandshake::info).toList(), trustProblem == null, trustProblem, nameMatches,
                    since(t0), null), tls);
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(new TlsResult(false, null, null, target.sni(), List.of(), false, null, null,
                    since(t0), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), null);
        }
    }

    private static String trustProblem(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return "no certificate presented";
        }
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    x509.checkServerTrusted(chain.toArray(new X509Certificate[0]), "UNKNOWN");
                    return null;
                }
            }
            return "no trust manager available";
        } catch (GeneralSecurityException e) {
            return e.getMessage();
        }
    }

    static Boolean nameMatches(X509Certificate leaf, ServiceTarget target) {
        String name = target.sni() != null ? target.sni() : target.address().getAddress().getHostAddress();
        boolean isIp = target.sni() == null;
        try {
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            if (sans == null) {
                return false;
            }
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                String value = String.valueOf(san.get(1));
                if (isIp && type == 7 && sameAddress(value, target.address().getAddress())) {
                    return true;
                }
                if (!isIp && type == 2 && dnsNameMatches(value, name)) {
                    return true;
                }
            }
            return false;
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private static boolean sameAddress(String literal, InetAddress address) {
        try {
            return InetAddress.getByName(literal).equals(address);
        } catch (IOException e) {
            return false;
        }
    }

    /** RFC 6125: a wildcard stands for exactly one left-most label. */
    static boolean dnsNameMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot + 1).equals(p.substring(2));
        }
        return p.equals(h);
    }

    private static CertificateInfo info(X509Certificate c) {
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
        return new CertificateInfo(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(), sans,
                c.getNotBefore().toInstant(), c.getNotAfter().toInstant(), c.getSerialNumber().toString(16),
                c.getSigAlgName());
    }

    private static SSLContext acceptAllContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // Accept so the chain can be inspected; trust is judged separately.
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
