package io.netcheck.probe;

/** The openssl s_client test: the connect, then the handshake (null when the connect failed). */
public record TlsProbeResult(TcpConnectResult connect, TlsResult tls) {
}
