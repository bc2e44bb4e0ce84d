package io.netcheck.probe;

import java.io.IOException;
import java.net.IDN;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/** Runs a TLS handshake over an established connection and records what the server presented. */
final class TlsHandshake {
    private static final SSLContext ACCEPT_ALL = acceptAllContext();

    private TlsHandshake() {
    }

    record Outcome(TlsResult result, SSLSocket socket) {
    }

    static Outcome run(Socket plain, ServiceTarget target, Deadline deadline, CertificateCheck check) {
        Ticker ticker = deadline.ticker();
        long t0 = ticker.nanos();
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
            return new Outcome(new TlsResult(true, session.getProtocol(), session.getCipherSuite(), target.sni(),
                    chain.stream().map(CertificateCheck::info).toList(), check.assess(chain, target), ticker.since(t0), null),
                    tls);
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(new TlsResult(false, null, null, target.sni(), List.of(), null, ticker.since(t0),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), null);
        }
    }

    /** Initialises the context and its engine (class initialisation, providers) before any deadline runs. */
    static void warmUp() {
        ACCEPT_ALL.createSSLEngine();
    }

    private static SSLContext acceptAllContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            // X509Extended: JSSE wraps a plain X509TrustManager in its own algorithm-constraint checks, which
            // would end the handshake on an MD5-signed chain before it can be reported as weak.
            ctx.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // Accept so the chain can be inspected; CertificateCheck judges it separately.
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
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

}
