package io.netcheck.probe;

/**
 * The telnet-then-{@code GET /} test of the LB checklist against one endpoint: TCP connect, optional TLS
 * handshake, one HTTP request, all within one deadline.
 */
public final class ServiceProbe implements Probe<ServiceTarget, ServiceResult> {
    private final CertificateCheck certificates;

    /** Certificates judged against the JVM's trust store and clock. */
    public ServiceProbe() {
        this(CertificateCheck.systemDefault());
    }

    public ServiceProbe(CertificateCheck certificates) {
        this.certificates = certificates;
    }

    @Override
    public ServiceResult probe(ServiceTarget target, Deadline deadline) {
        SecureConnection.Opened opened = SecureConnection.open(target, deadline, certificates);
        if (opened.socket() == null) {
            return new ServiceResult(target, opened.connect(), opened.tls(), null);
        }
        try {
            return new ServiceResult(target, opened.connect(), opened.tls(),
                    HttpExchange.get(opened.socket(), target.hostHeader(), target.path(), deadline));
        } finally {
            TcpConnector.closeQuietly(opened.socket());
        }
    }
}
