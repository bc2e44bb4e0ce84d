package io.netcheck.probe;

/** {@code openssl s_client -connect HOST:PORT -servername NAME}: connect, handshake, record the chain, close. */
public final class TlsProbe implements Probe<ServiceTarget, TlsProbeResult> {
    private final CertificateCheck certificates;

    /** Certificates judged against the JVM's trust store and clock. */
    public TlsProbe() {
        this(CertificateCheck.systemDefault());
    }

    public TlsProbe(CertificateCheck certificates) {
        this.certificates = certificates;
    }

    @Override
    public TlsProbeResult probe(ServiceTarget target, Deadline deadline) {
        TcpConnector.Attempt attempt = TcpConnector.connect(target.address(), target.route(), deadline);
        if (!attempt.result().connected()) {
            return new TlsProbeResult(attempt.result(), null);
        }
        TlsHandshake.Outcome handshake = TlsHandshake.run(attempt.socket(), target, deadline, certificates);
        TcpConnector.closeQuietly(handshake.socket() != null ? handshake.socket() : attempt.socket());
        return new TlsProbeResult(attempt.result(), handshake.result());
    }
}
