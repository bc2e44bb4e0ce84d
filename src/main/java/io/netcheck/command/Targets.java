package io.netcheck.command;

import java.net.UnknownHostException;
import io.netcheck.check.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.util.regex.Pattern;

/** Parses and validates {@code HOST:PORT}: names, IPv4 dotted quads, and bracketed IPv6 literals. */
public final class Targets {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]{1,32})?");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");

    private Targets() {
    }

    public static HostPort parse(String text, String what) throws IllegalArgumentException {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is missing: give HOST:PORT, e.g. 10.0.0.5:443");
        }
        if (text.length() > 300) {
            throw new IllegalArgumentException(what + " is too long (" + text.length() + " characters)");
        }
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(what + " '" + shown(text) + "': missing ']' after the IPv6 address");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.startsWith(":") || rest.length() == 1) {
                throw new IllegalArgumentException(what + " '" + shown(text) + "': missing port, e.g. [" + host + "]:443");
            }
            port = rest.substring(1);
            validateIpv6(host, what, text);
        } else {
            int colons = (int) text.chars().filter(c -> c == ':').count();
            if (colons == 0) {
                throw new IllegalArgumentException(what + " '" + shown(text) + "': missing port, e.g. " + shown(text)
                        + ":443");
            }
            if (colons > 1) {
                throw new IllegalArgumentException(what + " '" + shown(text) + "': IPv6 addresses need brackets, "
                        + "e.g. [2001:db8::1]:443");
            }
            int colon = text.lastIndexOf(':');
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            validateHost(host, what, text);
        }
        return new HostPort(host, port(port, what, text));
    }

    public static int port(String port, String what, String text) {
        if (!port.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException(what + " '" + shown(text) + "': port '" + shown(port)
                    + "' is not a number from 1 to 65535");
        }
        int p = Integer.parseInt(port);
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException(what + " '" + shown(text) + "': port " + p + " is out of range 1-65535");
        }
        return p;
    }

    private static void validateHost(String host, String what, String text) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException(what + " '" + shown(text) + "': missing host before the port");
        }
        if (DIGITS_AND_DOTS.matcher(host).matches()) {
            validateIpv4(host, what, text);
            return;
        }
        validateName(host, what + " '" + shown(text) + "'");
    }

    /** A DNS name: labels of letters, digits, '-' and '_', at most 253 characters, not all-numeric at the end. */
    public static void validateName(String host, String context) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.length() > 253) {
            throw new IllegalArgumentException(context + ": '" + shown(host) + "' is not a valid host name");
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException(context + ": '" + shown(host) + "' is not a valid host name"
                        + (label.isEmpty() ? " (empty label)" : " (bad label '" + shown(label) + "')"));
            }
        }
        if (labels[labels.length - 1].matches("[0-9]+")) {
            throw new IllegalArgumentException(context + ": '" + shown(host) + "' is neither a host name nor an IPv4 address");
        }
    }

    private static void validateIpv4(String host, String what, String text) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException(what + " '" + shown(text) + "': '" + host
                    + "' is not an IPv4 address (it needs four numbers, e.g. 10.0.0.5)");
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.startsWith("0"))
                    || Integer.parseInt(part) > 255) {
                throw new IllegalArgumentException(what + " '" + shown(text) + "': '" + host
                        + "' is not an IPv4 address (each part 0-255, no leading zeros)");
            }
        }
    }

    private static void validateIpv6(String host, String what, String text) {
        if (!IPV6_CHARS.matcher(host).matches() || !host.contains(":")) {
            throw new IllegalArgumentException(what + " '" + shown(text) + "': '" + shown(host)
                    + "' is not an IPv6 address");
        }
        try {
            // Only hex digits, colons and dots reach here, so this parses a literal and never queries DNS.
            InetAddress.getByName(host);
        } catch (UnknownHostException | RuntimeException e) {
            throw new IllegalArgumentException(what + " '" + shown(text) + "': '" + shown(host)
                    + "' is not an IPv6 address");
        }
    }

    /** Makes user input safe to echo: no control characters, bounded length. */
    public static String shown(String s) {
        String clean = s.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
    }

    /** An IPv4 or IPv6 literal, never a DNS lookup; null otherwise. */
    public static InetAddress ip(String text) {
        if (text == null || text.isEmpty() || text.length() > 64 || !text.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            return null;
        }
        if (text.matches("[0-9.]+") && !text.matches("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]"
                + "|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}")) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
