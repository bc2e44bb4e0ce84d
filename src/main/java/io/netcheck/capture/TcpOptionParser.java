package io.netcheck.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses TCP options into {@link TcpOption}s whose text is what tcpdump prints inside {@code options [...]}.
 * Mirrors tcpdump's walk, quirks included: the cursor advances by the bytes tcpdump's printer consumed
 * (not by the option's length byte), a length that disagrees is flagged {@code [len N]}, and the walk ends
 * at {@code eol}, at a malformed option ({@code [bad opt]}) or at the snap length ({@code [|tcp]}).
 */
final class TcpOptionParser {
    static final String BAD = "[bad opt]";
    static final String TRUNCATED = " [|tcp]";

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "eol"), Map.entry(1, "nop"), Map.entry(2, "mss"), Map.entry(3, "wscale"),
            Map.entry(4, "sackOK"), Map.entry(5, "sack"), Map.entry(6, "echo"), Map.entry(7, "echoreply"),
            Map.entry(8, "TS"), Map.entry(11, "cc"), Map.entry(12, "ccnew"), Map.entry(13, ""),
            Map.entry(19, "md5"), Map.entry(20, "scps"), Map.entry(28, "uto"), Map.entry(29, "tcp-ao"),
            Map.entry(30, "mptcp"), Map.entry(34, "tfo"), Map.entry(254, "exp"));

    private TcpOptionParser() {
    }

    /** True for the marker option that ends the list early (malformed or not captured). */
    static boolean isTerminal(TcpOption option) {
        return option.text().endsWith(BAD) || option.text().contains(TRUNCATED);
    }

    /**
     * Marker for option data cut by the snap length. tcpdump checks option data differently from the kind
     * and length bytes, and that path appends '>' once an option has been printed.
     */
    private static TcpOption dataTruncated(int kind, CharSequence printed, List<TcpOption> sofar) {
        return new TcpOption(kind, -1, printed + TRUNCATED + (sofar.isEmpty() ? "" : ">"));
    }

    private static String fastOpen(Bytes b, int at, int n) {
        if (n == 0) {
            return " cookiereq";
        }
        if (n % 2 != 0 || n < 4 || n > 16) {
            return " (invalid)";
        }
        StringBuilder sb = new StringBuilder(" cookie ");
        for (int i = 0; i < n; i++) {
            sb.append(String.format("%02x", b.u8(at + i)));
        }
        return sb.toString();
    }

    static List<TcpOption> parse(Bytes b, int start, int optionBytes) {
        List<TcpOption> out = new ArrayList<>();
        int cp = start;
        int left = optionBytes;
        while (left > 0) {
            if (!b.has(cp, 1)) {
                out.add(new TcpOption(-1, -1, TRUNCATED));
                return out;
            }
            int kind = b.u8(cp++);
            boolean single = kind == 0 || kind == 1;
            int len = 1;
            if (!single) {
                if (!b.has(cp, 1)) {
                    out.add(new TcpOption(kind, -1, TRUNCATED));
                    return out;
                }
                len = b.u8(cp++);
                if (len < 2 || len > left) {
                    out.add(new TcpOption(kind, -1, BAD));
                    return out;
                }
                left--;
            }
            left--;
            String name = NAMES.getOrDefault(kind, "unknown-" + kind);
            StringBuilder text = new StringBuilder(name);
            long value = -1;
            int dataLen = switch (kind) {
                case 0, 1, 4 -> 0;
                case 2 -> 2;
                case 3 -> 1;
                case 6, 7, 11, 12, 13 -> 4;
                case 28 -> 2;
                case 8 -> 8;
                default -> len - 2;
            };
            if (dataLen > left) {
                out.add(new TcpOption(kind, -1, name + BAD));
                return out;
            }
            int captured = Math.min(dataLen, b.available(cp));
            switch (kind) {
                case 2, 3, 6, 7, 8, 11, 12, 13, 28 -> {
                    if (captured < dataLen) {
                        out.add(dataTruncated(kind, name, out));
                        return out;
                    }
                    if (kind == 2) {
                        value = b.u16(cp);
                        text.append(' ').append(value);
                    } else if (kind == 3) {
                        value = b.u8(cp);
                        text.append(' ').append(value);
                    } else if (kind == 8) {
                        text.append(" val ").append(b.u32(cp)).append(" ecr ").append(b.u32(cp + 4));
                    } else if (kind == 28) { // user timeout: raw, then seconds (or minutes when the low bit says so)
                        int uto = b.u16(cp);
                        text.append(" 0x").append(Integer.toHexString(uto)).append(' ')
                                .append((uto & 1) != 0 ? (uto >> 1) * 60 : uto >> 1);
                    } else {
                        text.append(' ').append(b.u32(cp));
                    }
                }
                case 5 -> {
                    if (dataLen % 8 != 0) {
                        text.append(" invalid sack");
                    } else {
                        // Absolute edges; the formatter makes them relative like tcpdump does.
                        text.append(' ').append(dataLen / 8).append(' ');
                        for (int i = 0; i < dataLen; i += 8) {
                            if (captured < i + 8) {
                                out.add(dataTruncated(kind, text, out));
                                return out;
                            }
                            text.append('{').append(b.u32(cp + i)).append(':').append(b.u32(cp + i + 4)).append('}');
                        }
                    }
                }
                case 34, 254 -> { // TCP Fast Open, native or as RFC 6994 experiment
                    if (captured < dataLen) {
                        out.add(dataTruncated(kind, name, out));
                        return out;
                    }
                    int at = cp, n = dataLen;
                    if (kind == 254) {
                        if (dataLen < 2) {
                            out.add(new TcpOption(kind, -1, name + BAD));
                            return out;
                        }
                        int magic = b.u16(cp);
                        text.append('-');
                        at += 2;
                        n -= 2;
                        if (magic != 0xf989) {
                            text.append(String.format("%04x", magic));
                        } else {
                            text.append("tfo").append(fastOpen(b, at, n));
                        }
                    } else {
                        text.append(' ').append(fastOpen(b, at, n));
                    }
                }
                case 0, 1, 4 -> {
                }
                default -> {
                    if (dataLen > 0) {
                        text.append(" 0x");
                    }
                    for (int i = 0; i < dataLen; i++) {
                        if (captured < i + 1) {
                            out.add(dataTruncated(kind, text, out));
                            return out;
                        }
                        text.append(String.format("%02x", b.u8(cp + i)));
                    }
                }
            }
            cp += dataLen;
            left -= dataLen;
            if (dataLen + (single ? 1 : 2) != len) {
                text.append("[len ").append(len).append(']');
            }
            out.add(new TcpOption(kind, value, text.toString()));
            if (kind == 0) {
                break;
            }
        }
        return out;
    }
}
