package io.netcheck.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Sends {@code GET path} on an established connection and classifies what comes back: response, reset,
 * close, silence. Reads the head, then the body up to a bound, to its end as its framing says
 * (Content-Length, chunked, or the close): a body that stops arriving before the deadline is a finding of
 * its own ({@link ExchangeOutcome#BODY_STALLED}), the sign of a path MTU black hole or a stuck server. The
 * body is counted, not kept: only the first bytes of an error page are.
 */
final class HttpExchange {
    static final int MAX_HEAD = 16 * 1024;
    /** Body bytes kept in memory: enough for load-balancer signatures and the error-page snippet. */
    static final int MAX_BODY = 2048;
    static final int MAX_HEADERS = 40;
    static final int SNIPPET = 300;
    private static final Set<String> REDACTED = Set.of("set-cookie", "cookie", "authorization",
            "proxy-authorization", "www-authenticate", "proxy-authenticate", "x-amz-security-token");

    private HttpExchange() {
    }

    /** @param maxBody stop reading the body after this many bytes (the rest is reported as not read) */
    static ExchangeResult get(Socket socket, String host, String path, Deadline deadline, long maxBody) {
        String requestLine = requestLine(path);
        long t0 = deadline.ticker().nanos();
        String sendError = send(socket, host, path);
        if (sendError != null) {
            return new ExchangeResult(ExchangeOutcome.SEND_FAILED, requestLine, null, null, deadline.ticker().since(t0), sendError);
        }
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        BodyFraming body = null;
        boolean any = false; // a byte came (nanoTime has no reserved value to say "none")
        long tFirst = 0;
        long tLast = 0;
        long bodyWire = 0;
        boolean eof = false;
        boolean cut = false;
        boolean timedOut = false;
        String ioError = null;
        try {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[16 * 1024];
            while (true) {
                if (deadline.expired()) {
                    timedOut = true;
                    break;
                }
                socket.setSoTimeout(deadline.remainingMillisForSocket());
                int want = body == null ? buf.length : (int) Math.min(buf.length, Math.max(1, maxBody - bodyWire));
                int n = in.read(buf, 0, want);
                if (n < 0) {
                    eof = true;
                    break;
                }
                tLast = deadline.ticker().nanos();
                if (!any) {
                    any = true;
                    tFirst = tLast;
                }
                int from = 0;
                if (body == null) {
                    head.write(buf, 0, n);
                    byte[] all = head.toByteArray();
                    int headEnd = indexOfHeadEnd(all);
                    if (headEnd < 0) {
                        if (head.size() > MAX_HEAD || all.length >= 5 && !startsLikeHttp(all)) {
                            break; // not HTTP, or a head nobody sends: no need to wait for more
                        }
                        continue;
                    }
                    body = BodyFraming.of(new String(all, 0, headEnd, StandardCharsets.ISO_8859_1), MAX_BODY);
                    from = n - (all.length - headEnd);
                    head.reset();
                    head.write(all, 0, headEnd);
                }
                int len = (int) Math.min(n - from, maxBody - bodyWire); // what came with the head counts too
                if (len > 0) {
                    body.feed(buf, from, len);
                    bodyWire += len;
                }
                if (body.ended()) {
                    break;
                }
                if (bodyWire >= maxBody) {
                    cut = true;
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            timedOut = true;
        } catch (IOException e) {
            ioError = TcpConnector.describe(e);
        }
        Duration firstByte = any ? Duration.ofNanos(tFirst - t0) : null;
        Duration lastByte = any ? Duration.ofNanos(tLast - t0) : null;
        byte[] all = head.toByteArray();
        if (all.length == 0) {
            ExchangeOutcome outcome = timedOut ? ExchangeOutcome.NO_RESPONSE : eof ? ExchangeOutcome.CLOSED
                    : ExchangeOutcome.RESET;
            return new ExchangeResult(outcome, requestLine, null, firstByte, deadline.ticker().since(t0), timedOut
                    ? "no response before the deadline" : eof ? "closed by peer without a response" : ioError);
        }
        if (!startsLikeHttp(all)) {
            return new ExchangeResult(ExchangeOutcome.NOT_HTTP, requestLine, null, firstByte, deadline.ticker().since(t0),
                    "response is not HTTP: " + printable(all, 60), lastByte, 0, BodyEnd.NONE);
        }
        if (body == null) {
            if (timedOut) {
                return new ExchangeResult(ExchangeOutcome.NO_RESPONSE, requestLine, null, firstByte, deadline.ticker().since(t0),
                        "incomplete response before the deadline (" + all.length + " bytes)");
            }
            // Closed, reset or oversized before the end of the head: what came still says who answered.
            HttpResponseSummary summary = parse(head.toString(StandardCharsets.ISO_8859_1), "");
            return new ExchangeResult(ExchangeOutcome.RESPONSE, requestLine, summary, firstByte, deadline.ticker().since(t0),
                    ioError != null ? ioError : eof ? "closed before the end of the response head"
                            : "response head larger than " + MAX_HEAD + " bytes", lastByte, 0, BodyEnd.BROKEN);
        }
        HttpResponseSummary summary = parse(head.toString(StandardCharsets.ISO_8859_1),
                new String(body.kept(), StandardCharsets.UTF_8));
        BodyEnd end;
        String error = null;
        if (body.malformed() != null) {
            end = BodyEnd.BROKEN;
            error = "malformed chunked body: " + body.malformed();
        } else if (body.ended() || eof && body.kind() == BodyFraming.Kind.UNTIL_CLOSE) {
            end = BodyEnd.COMPLETE;
        } else if (cut) {
            end = BodyEnd.CUT;
        } else if (timedOut) {
            end = BodyEnd.STALLED;
            long quiet = deadline.ticker().since(tLast).toMillis();
            error = "body stalled: " + progress(body) + " by the deadline, nothing for the last " + quiet + " ms";
        } else {
            end = BodyEnd.BROKEN;
            error = (eof ? "closed" : ioError) + " after " + progress(body);
        }
        return new ExchangeResult(end == BodyEnd.STALLED ? ExchangeOutcome.BODY_STALLED : ExchangeOutcome.RESPONSE,
                requestLine, summary, firstByte, deadline.ticker().since(t0), error, lastByte, body.payload(), end);
    }

    /** "1448 of 102400 body bytes", "1448 bytes of a chunked body". */
    private static String progress(BodyFraming body) {
        return body.kind() == BodyFraming.Kind.LENGTH ? body.payload() + " of " + body.declared() + " body bytes"
                : body.payload() + " bytes of a " + (body.kind() == BodyFraming.Kind.CHUNKED ? "chunked body"
                : "body that ends at the close");
    }

    static String requestLine(String path) {
        return "GET " + path + " HTTP/1.1";
    }

    /** Sends {@code GET path} with Connection: close; returns why it could not be sent, or null. */
    static String send(Socket socket, String host, String path) {
        String request = requestLine(path) + "\r\nHost: " + host + "\r\nUser-Agent: netcheck\r\nAccept: */*\r\n"
                + "Connection: close\r\n\r\n";
        try {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return null;
        } catch (IOException e) {
            return TcpConnector.describe(e);
        }
    }

    /** The body length a head declares: 0 for statuses without a body, -1 when absent or unreadable. */
    static long declaredLength(String head) {
        String[] status = head.split("\r?\n", 2)[0].split(" ");
        if (status.length > 1 && (status[1].equals("204") || status[1].equals("304") || status[1].startsWith("1"))) {
            return 0; // no body by definition
        }
        for (String line : head.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                try {
                    return Long.parseLong(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    static HttpResponseSummary parse(String head, String body) {
        String[] lines = head.split("\r?\n");
        String[] status = lines[0].split(" ", 3);
        String version = status[0];
        int code = status.length > 1 ? parseStatus(status[1]) : 0;
        String reason = status.length > 2 ? status[2].trim() : "";
        List<HttpResponseSummary.Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length && headers.size() < MAX_HEADERS; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim();
            String value = lines[i].substring(colon + 1).trim();
            if (REDACTED.contains(name.toLowerCase(Locale.ROOT))) {
                value = "[redacted]";
            }
            headers.add(new HttpResponseSummary.Header(name, truncate(value, 200)));
        }
        String server = find(headers, "server");
        String contentType = find(headers, "content-type");
        LbSignature signature = LoadBalancerSignatures.identify(code, server, contentType, body).orElse(null);
        // Keep the body only for error pages, and only a snippet: a 200's body may be private.
        String snippet = code >= 400 ? truncate(body.replaceAll("\\s+", " ").trim(), SNIPPET) : null;
        return new HttpResponseSummary(version, code, reason, headers, snippet, signature);
    }

    private static String find(List<HttpResponseSummary.Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(HttpResponseSummary.Header::value)
                .findFirst().orElse(null);
    }

    private static int parseStatus(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static boolean startsLikeHttp(byte[] data) {
        return data.length >= 5 && new String(data, 0, 5, StandardCharsets.ISO_8859_1).equals("HTTP/");
    }

    static int indexOfHeadEnd(byte[] data) {
        for (int i = 0; i + 3 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                return i + 4;
            }
        }
        for (int i = 0; i + 1 < data.length; i++) {
            if (data[i] == '\n' && data[i + 1] == '\n') {
                return i + 2;
            }
        }
        return -1;
    }

    static String printable(byte[] data, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < data.length && sb.length() < max; i++) {
            int c = data[i] & 0xff;
            sb.append(c >= 32 && c < 127 ? (char) c : '.');
        }
        return sb.toString();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
