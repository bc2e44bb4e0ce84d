package io.netcheck.capture;

import java.util.Locale;
import java.util.Set;

/**
 * What tcpdump appends after {@code length N} for TCP payload on ports it dissects. Only HTTP (80, 8080)
 * and SSH (22) are reproduced: they are the ones netcheck meets. tcpdump checks ports in a fixed order,
 * so a port earlier in its list that we do not reproduce returns empty (and the line will differ).
 */
final class AppLayerText {
    // Port checks tcpdump 4.99 makes before HTTP, in order; HTTP and SSH are handled, the rest are not.
    private static final int[] BEFORE_HTTP = {23, 25, 43, 179, 1723, 6379, 22, 139, 445, 10288, 6633, 6653, 21};
    private static final Set<String> HTTP_METHODS = Set.of("GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL",
            "POST", "BCOPY", "BMOVE", "MKCOL", "TRACE", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT",
            "UPDATE", "NOTIFY", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "SUBSCRIBE",
            "PROPPATCH", "BPROPFIND", "BPROPPATCH", "UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE",
            "RPC_IN_DATA", "RPC_OUT_DATA");

    /** Signals that tcpdump would have run past the captured bytes. */
    private static final class Truncated extends Exception {
        Truncated() {
            super(null, null, false, false);
        }
    }

    private AppLayerText() {
    }

    static String forTcp(int sport, int dport, Bytes b, int start, int length) {
        if (length <= 0) {
            return "";
        }
        for (int port : BEFORE_HTTP) {
            if (sport == port || dport == port) {
                return port == 22 ? ssh(b, start, length) : "";
            }
        }
        if (sport == 80 || dport == 80 || sport == 8080 || dport == 8080) {
            return http(b, start, length);
        }
        return "";
    }

    private static boolean printable(int c) {
        return c >= 0x20 && c < 0x7f;
    }

    private static int at(Bytes b, int i) throws Truncated {
        if (!b.has(i, 1)) {
            throw new Truncated();
        }
        return b.u8(i);
    }

    /** The first line of a request or response ({@code HTTP: GET / HTTP/1.1}); just {@code HTTP} otherwise. */
    private static String http(Bytes b, int start, int len) {
        StringBuilder out = new StringBuilder(": HTTP");
        boolean looksHttp = false;
        StringBuilder token = new StringBuilder();
        int idx = token(b, start, 0, len, token);
        if (idx != 0) {
            looksHttp = HTTP_METHODS.contains(token.toString().toUpperCase(Locale.ROOT));
            idx = token(b, start, idx, len, token);
            if (idx != 0 && token.length() == 3 && Character.isDigit(token.charAt(0))
                    && Character.isDigit(token.charAt(1)) && Character.isDigit(token.charAt(2))) {
                looksHttp = true; // status code as second token: a response
            }
        }
        if (looksHttp) {
            try {
                String line = firstLine(b, start, len, false);
                if (line != null) {
                    out.append(": ").append(line);
                }
            } catch (Truncated t) {
                out.append(" [|http]");
            }
        }
        return out.toString();
    }

    /**
     * Reads one token (printable ASCII up to white space) from {@code idx}, then skips blanks up to the next
     * token or line end. Returns the index after that, or 0 when there is no usable token.
     */
    private static int token(Bytes b, int start, int idx, int len, StringBuilder token) {
        token.setLength(0);
        for (; idx < len; idx++) {
            if (!b.has(start + idx, 1)) {
                return 0;
            }
            int c = b.u8(start + idx);
            if (c >= 0x80) {
                return 0;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                break;
            }
            if (!printable(c) || token.length() + 2 > 129) {
                return 0;
            }
            token.append((char) c);
        }
        if (token.length() == 0) {
            return 0;
        }
        for (; idx < len; idx++) {
            if (!b.has(start + idx, 1)) {
                break;
            }
            int c = b.u8(start + idx);
            if (c == '\r' || c == '\n' || !printable(c) || (c != ' ' && c != '\t')) {
                break;
            }
        }
        return idx;
    }

    /**
     * The first text line, without its line end. Null when it holds binary data or the line end is in a
     * later segment; when the line runs to the end of the segment tcpdump prints it and marks truncation.
     */
    private static String firstLine(Bytes b, int start, int len, boolean tabIsBinary) throws Truncated {
        StringBuilder line = new StringBuilder();
        for (int idx = 0; idx < len; idx++) {
            int c = at(b, start + idx);
            if (c == '\n') {
                return line.toString();
            }
            if (c == '\r') {
                if (idx + 1 >= len) {
                    return null;
                }
                return at(b, start + idx + 1) == '\n' ? line.toString() : null;
            }
            if (!printable(c) && (tabIsBinary || c != '\t')) {
                return null;
            }
            line.append((char) c);
        }
        return line + " [|http]";
    }

    /** {@code : SSH: SSH-2.0-...} for a version banner; nothing for anything else. */
    private static String ssh(Bytes b, int start, int len) {
        try {
            String magic = "SSH-";
            for (int i = 0; i < 4; i++) {
                if (at(b, start + i) != magic.charAt(i)) {
                    return "";
                }
            }
            String line = firstLine(b, start, len, true);
            return line == null || line.endsWith(" [|http]") ? "" : ": SSH: " + line;
        } catch (Truncated t) {
            return " [|ssh]";
        }
    }
}
