package io.netcheck.command;

import io.netcheck.check.TcpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grammar of the single-probe commands (the connectivity guide's tools, one command each), in the
 * style of {@link CommandParser}: every mistake names the offending word and prints the command's usage.
 */
public final class ProbeCommandParser {
    public static final String TCP_USAGE = """
            usage: tcp HOST:PORT [--timeout 3s] [--json] [--no-capture] [--pcap FILE]
              the telnet test: does a TCP connection open? connected / refused / timeout / ICMP unreachable,
              who answered, and the packets that prove it
              --timeout 3s      how long to wait for the handshake
              --json            print one JSON object instead of text
              --no-capture      run without packet capture
              --pcap FILE       where to write the capture (default: the capture directory)""";

    static final Map<String, String> USAGES = Map.of("tcp", TCP_USAGE);

    private final Limits limits;

    public ProbeCommandParser(Limits limits) {
        this.limits = limits;
    }

    /** Usage text of a command, null when it is not one of these. */
    public static String usage(String verb) {
        return USAGES.get(verb);
    }

    public boolean handles(String verb) {
        return USAGES.containsKey(verb);
    }

    public Command parse(String verb, List<String> words) throws UsageException {
        String usage = USAGES.get(verb);
        try {
            Words w = Words.parse(words, SPECS.get(verb), usage);
            if (w == null) {
                return new Command.Help(verb);
            }
            return switch (verb) {
                case "tcp" -> tcp(w, usage);
                default -> throw new IllegalStateException(verb);
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), usage);
        }
    }

    private Command tcp(Words w, String usage) throws UsageException {
        String target = w.onePositional("which target? give HOST:PORT, e.g. tcp 10.0.0.5:443", "only one target per check");
        return new Command.Tcp(new TcpRequest(Targets.parse(target, "target"), timeout(w, usage), !w.flag("--no-capture"),
                pcap(w, usage)), w.flag("--json"));
    }

    // ---- shared option handling ------------------------------------------------------------------------

    /** Which options a command takes: flags and options with a value. */
    record Spec(Set<String> flags, Set<String> valued) {
    }

    static final Map<String, Spec> SPECS = new HashMap<>(Map.of(
            "tcp", new Spec(Set.of("--json", "--no-capture"), Set.of("--timeout", "--pcap"))));

    /** Words split into options and positional arguments. */
    static final class Words {
        final Map<String, String> options = new LinkedHashMap<>();
        final List<String> positional = new ArrayList<>();
        private final String usage;

        private Words(String usage) {
            this.usage = usage;
        }

        /** @return null when help was asked for */
        static Words parse(List<String> words, Spec spec, String usage) throws UsageException {
            Words w = new Words(usage);
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
                    if (w.options.containsKey(word)) {
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
                    w.options.put(word, value == null ? "" : value);
                    continue;
                }
                w.positional.add(word);
            }
            return w;
        }

        boolean flag(String name) {
            return options.containsKey(name);
        }

        String value(String name) {
            return options.get(name);
        }

        String onePositional(String missing, String extra) throws UsageException {
            if (positional.isEmpty()) {
                throw new UsageException(missing, usage);
            }
            if (positional.size() > 1) {
                throw new UsageException("unexpected '" + Targets.shown(positional.get(1)) + "': " + extra, usage);
            }
            return positional.get(0);
        }
    }

    Duration timeout(Words w, String usage) throws UsageException {
        String value = w.value("--timeout");
        if (value == null) {
            return limits.defaultTimeout();
        }
        Duration d = DurationText.parse(value, "--timeout");
        if (d.compareTo(limits.minTimeout()) < 0 || d.compareTo(limits.maxTimeout()) > 0) {
            throw new UsageException("--timeout " + Targets.shown(value) + " is out of range: from "
                    + limits.minTimeout().toMillis() + "ms to " + limits.maxTimeout().toSeconds() + "s", usage);
        }
        return d;
    }

    static Path pcap(Words w, String usage) throws UsageException {
        String value = w.value("--pcap");
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
}
