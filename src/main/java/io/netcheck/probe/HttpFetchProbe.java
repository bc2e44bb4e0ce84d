package io.netcheck.probe;

import java.time.Duration;

/**
 * The curl test for one URL: connect, TLS for https, {@code GET}, then the body to its end (up to the
 * bound), timing each phase. The exchange is {@link HttpExchange}'s (same redaction, same load-balancer
 * signatures, same body framing); the body is counted, not kept, beyond the snippet error pages need.
 */
public final class HttpFetchProbe implements Probe<ServiceTarget, HttpFetchResult> {
    private final CertificateCheck certificates;
    private final long maxBody;

    /** Certificates judged against the JVM's trust store and clock; the default body bound. */
    public HttpFetchProbe() {
        this(CertificateCheck.systemDefault(), ServiceProbe.DEFAULT_MAX_BODY);
    }

    public HttpFetchProbe(CertificateCheck certificates) {
        this(certificates, ServiceProbe.DEFAULT_MAX_BODY);
    }

    public HttpFetchProbe(long maxBody) {
        this(CertificateCheck.systemDefault(), maxBody);
    }

    /** @param maxBody the most body bytes read ({@code netcheck.probe.max-body}) */
    public HttpFetchProbe(CertificateCheck certificates, long maxBody) {
        this.certificates = certificates;
        this.maxBody = maxBody;
    }

    @Override
    public HttpFetchResult probe(ServiceTarget target, Deadline deadline) {
        SecureConnection.Opened opened = SecureConnection.open(target, deadline, certificates);
        if (opened.socket() == null) {
            return new HttpFetchResult(opened.connect(), opened.tls(), null, 0, null, false);
        }
        try {
            ExchangeResult ex = HttpExchange.get(opened.socket(), target.hostHeader(), target.path(), deadline, maxBody);
            Duration transfer = ex.firstByte() == null || ex.lastByte() == null ? null
                    : ex.lastByte().minus(ex.firstByte());
            return new HttpFetchResult(opened.connect(), opened.tls(), ex, ex.bodyBytes(), transfer, ex.bodyComplete());
        } finally {
            TcpConnector.closeQuietly(opened.socket());
        }
    }
}
