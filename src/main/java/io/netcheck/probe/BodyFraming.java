package io.netcheck.probe;

import java.nio.charset.StandardCharsets;
import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Where a response body ends (RFC 9112 section 6.3): no body, a declared Content-Length, chunked transfer
 * coding, or the close of the connection. Fed the bytes after the head as they arrive; counts the payload
 * and keeps only its first {@code keep} bytes (for error-page snippets and load-balancer signatures).
 */
final class BodyFraming {
    enum Kind { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    private enum Chunk { SIZE, DATA, DATA_END, TRAILER, DONE }

    /** A chunk-size or trailer line longer than this is not HTTP worth parsing. */
    private static final int MAX_LINE = 4096;

    private final Kind kind;
    private final long declared;
    private final int keep;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final StringBuilder line = new StringBuilder();
    private Chunk chunk = Chunk.SIZE;
    private long chunkLeft;
    private long payload;
    private String malformed;

    private BodyFraming(Kind kind, long declared, int keep) {
        this.kind = kind;
        this.declared = declared;
        this.keep = keep;
    }

    /** The framing a response head announces. */
    static BodyFraming of(String head, int keep) {
        long declared = HttpExchange.declaredLength(head);
        if (declared == 0) {
            return new BodyFraming(Kind.NONE, 0, keep);
        }
        String te = header(head, "transfer-encoding");
        if (te != null) {
            // Chunked must be the final coding; any other coding runs until the close (section 6.3, rule 4).
            String[] codings = te.toLowerCase(Locale.ROOT).split(",");
            boolean chunked = codings[codings.length - 1].trim().equals("chunked");
            return new BodyFraming(chunked ? Kind.CHUNKED : Kind.UNTIL_CLOSE, -1, keep);
        }
        return declared > 0 ? new BodyFraming(Kind.LENGTH, declared, keep) : new BodyFraming(Kind.UNTIL_CLOSE, -1, keep);
    }

    Kind kind() {
        return kind;
    }

    /** The Content-Length, -1 when the body is not framed by one. */
    long declared() {
        return declared;
    }

    /** Body bytes seen so far, without the chunk framing. */
    long payload() {
        return payload;
    }

    /** The first bytes of the body (at most {@code keep}). */
    byte[] kept() {
        return kept.toByteArray();
    }

    /** Why the chunked encoding could not be read, null when it could. */
    String malformed() {
        return malformed;
    }

    /** The body has ended (or cannot be read further): nothing more belongs to it. */
    boolean ended() {
        return malformed != null || switch (kind) {
            case NONE -> true;
            case LENGTH -> payload >= declared;
            case CHUNKED -> chunk == Chunk.DONE;
            case UNTIL_CLOSE -> false;
        };
    }

    /** What was announced, for the report: "65536-byte body", "chunked body", "body until the close". */
    String describe() {
        return switch (kind) {
            case NONE -> "no body";
            case LENGTH -> declared + "-byte body";
            case CHUNKED -> "chunked body";
            case UNTIL_CLOSE -> "body until the close";
        };
    }

    void feed(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end && !ended()) {
            if (kind != Kind.CHUNKED) {
                int n = kind == Kind.LENGTH ? (int) Math.min(end - i, declared - payload) : end - i;
                data(b, i, n);
                i += n;
                continue;
            }
            switch (chunk) {
                case DATA -> {
                    int n = (int) Math.min(end - i, chunkLeft);
                    data(b, i, n);
                    chunkLeft -= n;
                    i += n;
                    if (chunkLeft == 0) {
                        chunk = Chunk.DATA_END;
                    }
                }
                case SIZE, DATA_END, TRAILER -> {
                    char c = (char) (b[i++] & 0xff);
                    if (c != '\n') {
                        if (line.length() >= MAX_LINE) {
                            malformed = "a chunk line longer than " + MAX_LINE + " bytes";
                        }
                        line.append(c);
                        continue;
                    }
                    String text = line.toString().strip();
                    line.setLength(0);
                    lineEnded(text);
                }
                case DONE -> i = end;
            }
        }
    }

    private void lineEnded(String text) {
        switch (chunk) {
            case DATA_END -> {
                if (!text.isEmpty()) {
                    malformed = "no line break after a chunk's data";
                }
                chunk = Chunk.SIZE;
            }
            case SIZE -> {
                int semicolon = text.indexOf(';');
                String hex = (semicolon < 0 ? text : text.substring(0, semicolon)).strip();
                if (!hex.matches("[0-9A-Fa-f]{1,15}")) {
                    malformed = "chunk size '" + HttpExchange.printable(hex.getBytes(
                            StandardCharsets.ISO_8859_1), 20) + "' is not hexadecimal";
                    return;
                }
                chunkLeft = Long.parseLong(hex, 16);
                chunk = chunkLeft == 0 ? Chunk.TRAILER : Chunk.DATA;
            }
            case TRAILER -> {
                if (text.isEmpty()) {
                    chunk = Chunk.DONE;
                }
            }
            default -> {
            }
        }
    }

    private void data(byte[] b, int off, int n) {
        if (kept.size() < keep) {
            kept.write(b, off, Math.min(n, keep - kept.size()));
        }
        payload += n;
    }

    private static String header(String head, String name) {
        String found = null;
        for (String l : head.split("\r?\n")) {
            int colon = l.indexOf(':');
            if (colon > 0 && l.substring(0, colon).trim().equalsIgnoreCase(name)) {
                String v = l.substring(colon + 1).trim();
                found = found == null ? v : found + ", " + v; // repeated fields are one comma-separated list
            }
        }
        return found;
    }
}
