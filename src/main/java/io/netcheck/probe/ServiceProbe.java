package io.netcheck.probe;

/**
 * The telnet-then-{@code GET /} test of the LB checklist against one endpoint: TCP connect, optional TLS
 * handshake, one HTTP request, all within one deadline.
 */
public final class ServiceProbe implements Probe<ServiceTarget, ServiceResult> {
    /** The default bound on response body bytes read ({@code netcheck.probe.max-body}). */
    public static final int DEFAULT_MAX_BODY = 64 * 1024;

    private final CertificateCheck certificates;
    private final long maxBody;

    /** Certificates judged against the JVM's trust store and clock; the default body bound. */
    public ServiceProbe() {
        this(CertificateCheck.systemDefault(), DEFAULT_MAX_BODY);
    }

    public ServiceProbe(CertificateCheck certificates) {
        this(certificates, DEFAULT_MAX_BODY);
    }

    public ServiceProbe(long maxBody) {
        this(CertificateCheck.systemDefault(), maxBody);
    }

    /** @param maxBody the most body bytes read ({@code netcheck.probe.max-body}) */
    public ServiceProbe(CertificateCheck certificates, long maxBody) {
        this.certificates = certificates;
        this.maxBody = maxBody;
    }

    @Override
    public ServiceResult probe(ServiceTarget target, Deadline deadline) {
        SecureConnection.Opened opened = SecureConnection.open(target, deadline, certificates);
        if (opened.socket() == null) {
            return new ServiceResult(target, opened.connect(), opened.tls(), null);
        }
        try {
            return new ServiceResult(target, opened.connect(), opened.tls(),
                    HttpExchange.get(opened.socket(), target.hostHeader(), target.path(), deadline, maxBody));
        } finally {
            TcpConnector.closeQuietly(opened.socket());
        }
    }
}
