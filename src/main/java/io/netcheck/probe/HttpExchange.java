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
 * close, silence. Reads only the head and the start of the body: enough to identify who answered.
 */
final class HttpExchange {
    static final int MAX_HEAD = 16 * 1024;
    static final int MAX_BODY = 2048;
    /** After the head, wait this long at most for the start of the body. */
    static final Duration BODY_WAIT = Duration.ofMillis(250);
    static final int MAX_HEADERS = 40;
    static final int SNIPPET = 300;
    private static final Set<String> REDACTED = Set.of("set-cookie", "cookie", "authorization",
            "proxy-authorization", "www-authenticate", "proxy-authenticate", "x-amz-security-token");

    private HttpExchange() {
    }

    static ExchangeResult get(Socket socket, String host, String path, Deadline deadline) {
        String requestLine = requestLine(path);
        long t0 = System.nanoTime();
        String sendError = send(socket, host, path);
        if (sendError != null) {
            return new ExchangeResult(ExchangeOutcome.SEND_FAILED, requestLine, null, null, since(t0), sendError);
        }
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        Duration firstByte = null;
        try {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[4096];
            int headEnd = -1;
            while (headEnd < 0) {
                if (deadline.expired()) {
                    return silence(requestLine, firstByte, head, t0);
                }
                socket.setSoTimeout(deadline.remainingMillisForSocket());
                int n = in.read(buf);
                if (n < 0) {
                    if (head.size() == 0) {
                        return new ExchangeResult(ExchangeOutcome.CLOSED, requestLine, null, null, since(t0),
                                "closed by peer without a response");
                    }
                    break;
                }
                if (firstByte == null) {
                    firstByte = since(t0);
                }
                head.write(buf, 0, n);
                headEnd = indexOfHeadEnd(head.toByteArray());
                if (head.size() > MAX_HEAD) {
                    break;
                }
            }
            byte[] all = head.toByteArray();
            if (!startsLikeHttp(all)) {
                return new ExchangeResult(ExchangeOutcome.NOT_HTTP, requestLine, null, firstByte, since(t0),
                        "response is not HTTP: " + printable(all, 60));
            }
            int bodyStart = headEnd < 0 ? all.length : headEnd;
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(all, bodyStart, all.length - bodyStart);
            // Stop at the declared length: a keep-alive server would otherwise hold us for BODY_WAIT.
            int wanted = Math.min(MAX_BODY, contentLength(new String(all, 0, bodyStart, StandardCharsets.ISO_8859_1)));
            if (body.size() < wanted) {
                readSomeBody(socket, in, body, deadline, wanted);
            }
            HttpResponseSummary summary = parse(new String(all, 0, bodyStart, StandardCharsets.ISO_8859_1),
                    body.toString(StandardCharsets.UTF_8));
            return new ExchangeResult(ExchangeOutcome.RESPONSE, requestLine, summary, firstByte, since(t0), null);
        } catch (SocketTimeoutException e) {
            return silence(requestLine, firstByte, head, t0);
        } catch (SocketException e) {
            if (head.size() > 0 && startsLikeHttp(head.toByteArray())) {
                // Reset in the middle of the body: the head still says who answered.
                HttpResponseSummary summary = parse(head.toString(StandardCharsets.ISO_8859_1), "");
                return new ExchangeResult(ExchangeOutcome.RESPONSE, requestLine, summary, firstByte, since(t0),
                        TcpConnector.describe(e));
            }
            return new ExchangeResult(ExchangeOutcome.RESET, requestLine, null, firstByte, since(t0),
                    TcpConnector.describe(e));
        } catch (IOException e) {
            return new ExchangeResult(ExchangeOutcome.RESET, requestLine, null, firstByte, since(t0),
                    TcpConnector.describe(e));
        }
    }

    private static ExchangeResult silence(String requestLine, Duration firstByte, ByteArrayOutputStream head,
                                          long t0) {
        String error = head.size() == 0 ? "no response before the deadline"
                : "incomplete response before the deadline (" + head.size() + " bytes)";
        return new ExchangeResult(ExchangeOutcome.NO_RESPONSE, requestLine, null, firstByte, since(t0), error);
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

    /** Content-Length of the head, or MAX_BODY when absent or unreadable (read what comes, up to the cap). */
    static int contentLength(String head) {
        long declared = declaredLength(head);
        return declared < 0 ? MAX_BODY : (int) Math.min(Integer.MAX_VALUE, declared);
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

    private static void readSomeBody(Socket socket, InputStream in, ByteArrayOutputStream body, Deadline deadline,
                                     int wanted) {
        long until = System.nanoTime() + Math.min(BODY_WAIT.toNanos(), deadline.remaining().toNanos());
        byte[] buf = new byte[1024];
        try {
            while (body.size() < wanted) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                int n = in.read(buf, 0, Math.min(buf.length, wanted - body.size()));
                if (n < 0) {
                    return;
                }
                body.write(buf, 0, n);
            }
        } catch (IOException e) {
            // The head is what matters; a slow or reset body does not change who answered.
        }
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

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
