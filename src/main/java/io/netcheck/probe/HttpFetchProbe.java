package io.netcheck.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The curl test for one URL: connect, TLS for https, {@code GET}, then the whole body, timing each phase.
 * The head is parsed by {@link HttpExchange} (same redaction, same load-balancer signatures); the body is
 * counted, not kept, beyond the snippet error pages need.
 */
public final class HttpFetchProbe implements Probe<ServiceTarget, HttpFetchResult> {
    /** Stop reading a body after this many bytes: the timing of the first 8 MiB says enough. */
    static final long MAX_BODY = 8L * 1024 * 1024;

    private final CertificateCheck certificates;

    /** Certificates judged against the JVM's trust store and clock. */
    public HttpFetchProbe() {
        this(CertificateCheck.systemDefault());
    }

    public HttpFetchProbe(CertificateCheck certificates) {
        this.certificates = certificates;
    }

    @Override
    public HttpFetchResult probe(ServiceTarget target, Deadline deadline) {
        SecureConnection.Opened opened = SecureConnection.open(target, deadline, certificates);
        if (opened.socket() == null) {
            return new HttpFetchResult(opened.connect(), opened.tls(), null, 0, null, false);
        }
        try {
            return fetch(opened.socket(), target, deadline, opened.connect(), opened.tls());
        } finally {
            TcpConnector.closeQuietly(opened.socket());
        }
    }

    private static HttpFetchResult fetch(Socket socket, ServiceTarget target, Deadline deadline, TcpConnectResult connect,
                                         TlsResult tls) {
        String requestLine = HttpExchange.requestLine(target.path());
        long t0 = System.nanoTime();
        String sendError = HttpExchange.send(socket, target.hostHeader(), target.path());
        if (sendError != null) {
            return new HttpFetchResult(connect, tls, new ExchangeResult(ExchangeOutcome.SEND_FAILED, requestLine, null,
                    null, since(t0), sendError), 0, null, false);
        }
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ByteArrayOutputStream snippet = new ByteArrayOutputStream();
        Duration firstByte = null;
        long tFirst = 0;
        long body = 0;
        long contentLength = -1;
        int headEnd = -1;
        boolean complete = false;
        String error = null;
        try {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[16 * 1024];
            while (true) {
                if (deadline.expired()) {
                    error = head.size() == 0 ? "no response before the deadline" : "deadline reached during the transfer";
                    break;
                }
                socket.setSoTimeout(deadline.remainingMillisForSocket());
                int n = in.read(buf);
                if (n < 0) {
                    complete = headEnd >= 0 && (contentLength < 0 || body >= contentLength);
                    break;
                }
                if (firstByte == null) {
                    firstByte = since(t0);
                    tFirst = System.nanoTime();
                }
                int from = 0;
                if (headEnd < 0) {
                    head.write(buf, 0, n);
                    byte[] all = head.toByteArray();
                    headEnd = HttpExchange.indexOfHeadEnd(all);
                    if (headEnd < 0) {
                        if (head.size() > HttpExchange.MAX_HEAD) {
                            error = "response head larger than " + HttpExchange.MAX_HEAD + " bytes";
                            break;
                        }
                        continue;
                    }
                    contentLength = HttpExchange.declaredLength(new String(all, 0, headEnd, StandardCharsets.ISO_8859_1));
                    from = n - (all.length - headEnd);
                }
                int len = n - from;
                if (snippet.size() < HttpExchange.MAX_BODY) {
                    snippet.write(buf, from, Math.min(len, HttpExchange.MAX_BODY - snippet.size()));
                }
                body += len;
                if (contentLength >= 0 && body >= contentLength) {
                    complete = true;
                    break;
                }
                if (body >= MAX_BODY) {
                    error = "body cut at " + MAX_BODY + " bytes";
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            error = head.size() == 0 ? "no response before the deadline" : "deadline reached during the transfer";
        } catch (IOException e) {
            error = TcpConnector.describe(e);
        }
        byte[] all = head.toByteArray();
        Duration transfer = firstByte == null ? null : Duration.ofNanos(System.nanoTime() - tFirst);
        if (all.length == 0) {
            ExchangeOutcome outcome = error == null ? ExchangeOutcome.CLOSED
                    : error.startsWith("no response") ? ExchangeOutcome.NO_RESPONSE : ExchangeOutcome.RESET;
            return new HttpFetchResult(connect, tls, new ExchangeResult(outcome, requestLine, null, null, since(t0),
                    error == null ? "closed by peer without a response" : error), 0, null, false);
        }
        if (!HttpExchange.startsLikeHttp(all)) {
            return new HttpFetchResult(connect, tls, new ExchangeResult(ExchangeOutcome.NOT_HTTP, requestLine, null,
                    firstByte, since(t0), "response is not HTTP: " + HttpExchange.printable(all, 60)), 0, transfer,
                    false);
        }
        int end = headEnd < 0 ? all.length : headEnd;
        HttpResponseSummary summary = HttpExchange.parse(new String(all, 0, end, StandardCharsets.ISO_8859_1),
                snippet.toString(StandardCharsets.UTF_8));
        return new HttpFetchResult(connect, tls, new ExchangeResult(ExchangeOutcome.RESPONSE, requestLine, summary,
                firstByte, since(t0), error), body, transfer, complete);
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
