package io.netcheck.command;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command's words split into options and positional arguments, with the option handling every command
 * shares ({@code --timeout}, {@code --pcap}); every mistake names the offending word and carries the usage.
 */
public final class Words {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();
    private final String usage;
    private final Limits limits;

    private Words(String usage, Limits limits) {
        this.usage = usage;
        this.limits = limits;
    }

    /** @return null when help was asked for */
    static Words parse(List<String> words, Options spec, String usage, Limits limits) throws UsageException {
        Words w = new Words(usage, limits);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String value = null;
            if (word.startsWith("--") && word.contains("=")) {
                value = word.substring(word.indexOf('=') + 1);
                word = word.substring(0, word.indexOf('='));
            }
            if (word.equals("--help") || word.equals("-h")) {
                return null;
            }
            if (word.startsWith("--") || (word.startsWith("-") && word.length() > 1 && !word.matches("-[0-9].*"))) {
                if (!spec.flags().contains(word) && !spec.valued().contains(word)) {
                    throw new UsageException("unknown option '" + Targets.shown(word) + "'", usage);
                }
                if (w.options.containsKey(word) && !spec.repeatable().contains(word)) {
                    throw new UsageException("option " + word + " given twice", usage);
                }
                if (spec.flags().contains(word) && value != null) {
                    throw new UsageException("option " + word + " takes no value", usage);
                }
                if (spec.valued().contains(word) && value == null) {
                    if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                        throw new UsageException("option " + word + " needs a value", usage);
                    }
                    value = words.get(++i);
                }
                w.options.merge(word, value == null ? "" : value, (a, b) -> a + "," + b);
                continue;
            }
            w.positional.add(word);
        }
        return w;
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public String value(String name) {
        return options.get(name);
    }

    public List<String> positional() {
        return List.copyOf(positional);
    }

    /** The command's usage text, for the errors a grammar raises itself. */
    public String usage() {
        return usage;
    }

    public Limits limits() {
        return limits;
    }

    public String onePositional(String missing, String extra) throws UsageException {
        if (positional.isEmpty()) {
            throw new UsageException(missing, usage);
        }
        if (positional.size() > 1) {
            throw new UsageException("unexpected '" + Targets.shown(positional.get(1)) + "': " + extra, usage);
        }
        return positional.get(0);
    }

    /** A usage error of this command. */
    public UsageException error(String message) {
        return new UsageException(message, usage);
    }

    /** {@code --timeout}: within the configured range, the configured default when not given. */
    public Duration timeout() throws UsageException {
        String value = value("--timeout");
        return value == null ? limits.defaultTimeout() : timeout(value);
    }

    /** A --timeout value within the configured range. */
    public Duration timeout(String value) throws UsageException {
        Duration d = DurationText.parse(value, "--timeout");
        if (d.compareTo(limits.minTimeout()) < 0 || d.compareTo(limits.maxTimeout()) > 0) {
            throw new UsageException("--timeout " + Targets.shown(value) + " is out of range: from "
                    + limits.minTimeout().toMillis() + "ms to " + limits.maxTimeout().toSeconds() + "s", usage);
        }
        return d;
    }

    /** {@code --pcap FILE}: no control characters, a valid path; null when not given. */
    public Path pcap() throws UsageException {
        String value = value("--pcap");
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.chars().anyMatch(Character::isISOControl)) {
            throw new UsageException("--pcap needs a file name", usage);
        }
        try {
            return Path.of(value);
        } catch (RuntimeException e) {
            throw new UsageException("--pcap '" + Targets.shown(value) + "' is not a valid path", usage);
        }
    }

    /** A host given without a port: an IP literal or a valid name. */
    public String host(String text, String what) {
        if (Targets.ip(text) == null) {
            Targets.validateName(text, what);
        }
        return text;
    }

    /** An IPv4 or IPv6 literal, never a DNS lookup; null otherwise. */
    public static InetAddress ip(String text) {
        return Targets.ip(text);
    }
}
