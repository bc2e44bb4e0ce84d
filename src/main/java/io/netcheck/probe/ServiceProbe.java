package io.netcheck.probe;

/**
 * The telnet-then-{@code GET /} test of the LB checklist against one endpoint: TCP connect, optional TLS
 * handshake, one HTTP request, all within one deadline.
 */
public final class ServiceProbe implements Probe<ServiceTarget, ServiceResult> {
    /** The default bound on response body bytes read ({@code netcheck.probe.max-body}). */
    public static final int DEFAULT_MAX_BODY = 64 * 1024;

    private final long maxBody;

    public ServiceProbe() {
        this(DEFAULT_MAX_BODY);
    }

    /** @param maxBody the most body bytes read ({@code netcheck.probe.max-body}) */
    public ServiceProbe(long maxBody) {
        this.maxBody = maxBody;
    }

    @Override
    public ServiceResult probe(ServiceTarget target, Deadline deadline) {
        SecureConnection.Opened opened = SecureConnection.open(target, deadline);
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
