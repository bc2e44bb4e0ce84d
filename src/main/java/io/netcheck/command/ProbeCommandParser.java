package io.netcheck.command;

import io.netcheck.check.DnsRequest;
import io.netcheck.check.HttpCheckRequest;
import java.net.URI;
import java.net.URISyntaxException;
import io.netcheck.check.MtuRequest;
import io.netcheck.check.PingRequest;
import io.netcheck.check.TcpRequest;
import io.netcheck.check.TraceRequest;
import io.netcheck.check.HostPort;
import io.netcheck.check.TlsRequest;
import io.netcheck.check.ListenRequest;
import io.netcheck.check.ListenersRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
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

    public static final String DNS_USAGE = """
            usage: dns NAME [TYPE] [@SERVER] [--expect ADDR] [--timeout 3s] [--json]
              the host/dig test: asks the system resolvers (and SERVER) at once; rcode, records with TTLs,
              who answered and how fast; asks a made-up name under the same parent to catch resolvers that
              invent answers
              TYPE              A (default), AAAA, CNAME, MX, TXT, NS, SOA, SRV, PTR
                                (PTR takes an IP address and builds the reverse name; an address alone means PTR)
              @SERVER           a resolver to ask too, by address: @10.0.0.2, @10.0.0.2:5353, @[2001:db8::53]
              --expect ADDR     call it out when the name does not resolve to ADDR
              --timeout 3s      how long to wait for each answer
              --json            print one JSON object instead of text""";

    public static final String TLS_USAGE = """
            usage: tls HOST:PORT [--sni NAME] [--warn-days 14] [--timeout 3s] [--json] [--no-capture] [--pcap FILE]
              the openssl s_client test: protocol, cipher, the certificate chain (subject, issuer, names,
              expiry); calls out expired, soon-expiring, wrong-name and untrusted certificates
              --sni NAME        server name to send (default: HOST when it is a name; none for an address)
              --warn-days 14    call out a certificate that expires within this many days
              --timeout 3s      how long the connect and handshake may take
              --json            print one JSON object instead of text
              --no-capture      run without packet capture
              --pcap FILE       where to write the capture (default: the capture directory)""";

    public static final String HTTP_USAGE = """
            usage: http URL [--timeout 3s] [--insecure] [--json] [--no-capture] [--pcap FILE]
              the curl -L test: status, key headers, timing (resolve, connect, TLS, first byte, transfer),
              the redirect chain (up to 5, said out loud when it leaves the host), and whether a load
              balancer wrote the response itself
              URL               http://HOST[:PORT]/path or https://...; no user:password@
              --timeout 3s      time limit for each request of the chain
              --insecure        like curl -k: report certificate problems, do not fail on them
              --json            print one JSON object instead of text
              --no-capture      run without packet capture
              --pcap FILE       where to write the capture (default: the capture directory)""";

    public static final String LISTENERS_USAGE = """
            usage: listeners [PORT] [--json]
              the netstat -lntup step, on netcheck's own host: listening TCP and UDP sockets with address,
              port and process; calls out a service that listens on 127.0.0.1 / ::1 only
              PORT              only that port, and say whether it is reachable from other hosts""";

    public static final String LISTEN_USAGE = """
            usage: listen PORT [--for 60s] [--json]
              the nc -l test: a temporary TCP listener on every address of netcheck's host; reports each
              connection that arrives (source address, time, first bytes), then stops by itself
              PORT              1024-65535 (no privileged ports), not in use
              --for 60s         how long to listen (at most 5m unless configured)""";

    public static final String PING_USAGE = """
            usage: ping HOST [--count 5] [--timeout 3s] [--json] [--pcap FILE]
              real ICMP echo (crafted packets, needs CAP_NET_RAW; IPv4): loss, min/avg/max round trip, the
              replies' TTL, and ICMP errors with the router or firewall that sent them
              --count 5         echo requests to send, 200 ms apart (at most 20 unless configured)
              --timeout 3s      how long to wait for the last reply
              --pcap FILE       where to write the frames (default: the capture directory)""";

    public static final String MTU_USAGE = """
            usage: mtu HOST [--timeout 3s] [--json] [--pcap FILE]
              the tracepath / ping -M do test: ICMP echo with don't-fragment set, sizes from the interface MTU
              down to 576 bytes (crafted packets, needs CAP_NET_RAW; IPv4 only, IPv6 path MTU not measured):
              the path MTU, each size answered / lost / "fragmentation needed" (with the next-hop MTU and
              the router that sent it), and whether large packets vanish silently (a path MTU black hole)
              --timeout 3s      time limit for the whole measurement
              --pcap FILE       where to write the frames (default: the capture directory)""";

    public static final String TRACE_USAGE = """
            usage: trace HOST[:PORT] [--max-hops 30] [--timeout 1s] [--json] [--pcap FILE]
              hop by hop with increasing TTL, an ICMP echo AND a TCP SYN to PORT at each hop (crafted packets,
              needs CAP_NET_RAW; IPv4): each hop's responder and round trip, and where each path stops, so a
              firewall that blocks only the service shows up
              PORT              the service port for the TCP SYNs (default 80)
              --max-hops 30     highest TTL
              --timeout 1s      how long to wait at each hop""";

    static final Map<String, String> USAGES = Map.of("tcp", TCP_USAGE, "dns", DNS_USAGE, "tls", TLS_USAGE,
            "http", HTTP_USAGE, "listeners", LISTENERS_USAGE, "listen", LISTEN_USAGE, "ping", PING_USAGE,
            "trace", TRACE_USAGE, "mtu", MTU_USAGE);

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
                case "dns" -> dns(w, usage);
                case "tls" -> tls(w, usage);
                case "http" -> http(w, usage);
                case "listeners" -> listeners(w, usage);
                case "listen" -> listen(w, usage);
                case "ping" -> ping(w, usage);
                case "mtu" -> mtu(w, usage);
                case "trace" -> trace(w, usage);
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

    private Command trace(Words w, String usage) throws UsageException {
        String text = w.onePositional("which host? e.g. trace 10.0.0.5:443", "one target per trace");
        boolean portGiven = text.startsWith("[") ? text.contains("]:") : text.chars().filter(c -> c == ':').count() == 1;
        HostPort target;
        if (portGiven) {
            target = Targets.parse(text, "target");
        } else {
            String host = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            if (ip(host) == null) {
                Targets.validateName(host, "target");
            }
            target = new HostPort(host, 80);
        }
        int maxHops = limits.maxHops();
        if (w.value("--max-hops") != null) {
            String v = w.value("--max-hops");
            if (!v.matches("[0-9]{1,3}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > limits.maxHops()) {
                throw new UsageException("--max-hops '" + Targets.shown(v) + "' must be a number from 1 to "
                        + limits.maxHops(), usage);
            }
            maxHops = Integer.parseInt(v);
        }
        Duration hopWait = w.value("--timeout") == null ? Duration.ofSeconds(1) : timeout(w, usage);
        return new Command.Trace(new TraceRequest(target, portGiven, maxHops, hopWait, pcap(w, usage)),
                w.flag("--json"));
    }

    private Command ping(Words w, String usage) throws UsageException {
        String host = w.onePositional("which host? e.g. ping 10.0.0.5", "one host per check");
        if (ip(host) == null) {
            Targets.validateName(host, "host");
        }
        int count = 5;
        if (w.value("--count") != null) {
            String v = w.value("--count");
            if (!v.matches("[0-9]{1,3}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > limits.maxPings()) {
                throw new UsageException("--count '" + Targets.shown(v) + "' must be a number from 1 to "
                        + limits.maxPings(), usage);
            }
            count = Integer.parseInt(v);
        }
        return new Command.Ping(new PingRequest(host, count, timeout(w, usage), pcap(w, usage)), w.flag("--json"));
    }

    private Command mtu(Words w, String usage) throws UsageException {
        String host = w.onePositional("which host? e.g. mtu 10.0.0.5", "one host per check");
        if (ip(host) == null) {
            Targets.validateName(host, "host");
        }
        return new Command.Mtu(new MtuRequest(host, timeout(w, usage), pcap(w, usage)), w.flag("--json"));
    }

    private Command listeners(Words w, String usage) throws UsageException {
        if (w.positional.size() > 1) {
            throw new UsageException("unexpected '" + Targets.shown(w.positional.get(1)) + "': one PORT at most", usage);
        }
        Integer port = w.positional.isEmpty() ? null : Targets.port(w.positional.get(0), "PORT", w.positional.get(0));
        return new Command.Listeners(new ListenersRequest(port), w.flag("--json"));
    }

    private Command listen(Words w, String usage) throws UsageException {
        String text = w.onePositional("which port? e.g. listen 8080 --for 60s", "one PORT per listener");
        int port = Targets.port(text, "PORT", text);
        if (port < 1024) {
            throw new UsageException("port " + port + " is privileged (below 1024): netcheck does not open listeners "
                    + "there; use a port from 1024 to 65535", usage);
        }
        Duration duration = limits.defaultListen();
        if (w.value("--for") != null) {
            duration = DurationText.parse(w.value("--for"), "--for");
            if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(limits.maxListen()) > 0) {
                throw new UsageException("--for " + Targets.shown(w.value("--for")) + " is out of range: from 1s to "
                        + limits.maxListen().toSeconds() + "s", usage);
            }
        }
        return new Command.Listen(new ListenRequest(port, duration), w.flag("--json"));
    }

    private Command http(Words w, String usage) throws UsageException {
        String text = w.onePositional("which URL? e.g. http https://shop.example/healthz", "only one URL per check");
        if (text.length() > 2048 || text.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw new UsageException("URL '" + Targets.shown(text) + "' must be at most 2048 printable ASCII characters "
                    + "without spaces", usage);
        }
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new UsageException("URL '" + Targets.shown(text) + "' is not valid: " + e.getReason(), usage);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UsageException("URL '" + Targets.shown(text) + "' must start with http:// or https://", usage);
        }
        if (url.getRawUserInfo() != null) {
            throw new UsageException("URL '" + Targets.shown(text) + "': no user:password@ in URLs (it would end up in "
                    + "reports and Slack)", usage);
        }
        if (url.getHost() == null) {
            String authority = url.getRawAuthority();
            if (authority != null && !authority.isEmpty()) {
                // java.net.URI gives no host for e.g. 999.1.1.1 or bad..name: let the target rules say why.
                Targets.parse(authority.contains(":") && !authority.endsWith("]") ? authority
                        : authority + ":" + (scheme.equals("https") ? 443 : 80), "URL host");
            }
            throw new UsageException("URL '" + Targets.shown(text) + "' has no valid host", usage);
        }
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1)
                : url.getHost();
        int port = url.getPort() > 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        // Same host rules as HOST:PORT targets (names, dotted quads, bracketed IPv6).
        Targets.parse((host.contains(":") ? "[" + host + "]" : host) + ":" + port, "URL host");
        URI clean;
        try {
            clean = new URI(scheme, null, url.getHost().startsWith("[") ? host : host, url.getPort(), url.getPath(),
                    url.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new UsageException("URL '" + Targets.shown(text) + "' is not valid: " + e.getReason(), usage);
        }
        return new Command.Http(new HttpCheckRequest(clean, timeout(w, usage), w.flag("--insecure"),
                limits.certWarnDays(), !w.flag("--no-capture"), pcap(w, usage)), w.flag("--json"));
    }

    private Command tls(Words w, String usage) throws UsageException {
        String target = w.onePositional("which target? give HOST:PORT, e.g. tls shop.example:443",
                "only one target per check");
        String sni = w.value("--sni");
        if (sni != null) {
            Targets.validateName(sni, "--sni");
        }
        int warnDays = limits.certWarnDays();
        if (w.value("--warn-days") != null) {
            String v = w.value("--warn-days");
            if (!v.matches("[0-9]{1,4}") || Integer.parseInt(v) > 3650) {
                throw new UsageException("--warn-days '" + Targets.shown(v) + "' must be a number of days from 0 to "
                        + "3650", usage);
            }
            warnDays = Integer.parseInt(v);
        }
        return new Command.Tls(new TlsRequest(Targets.parse(target, "target"), sni, warnDays, timeout(w, usage),
                !w.flag("--no-capture"), pcap(w, usage)), w.flag("--json"));
    }

    private Command dns(Words w, String usage) throws UsageException {
        String name = null;
        String type = null;
        InetSocketAddress server = null;
        for (String word : w.positional) {
            if (word.startsWith("@")) {
                if (server != null) {
                    throw new UsageException("only one @SERVER per check", usage);
                }
                server = server(word.substring(1), usage);
            } else if (name != null && DnsRequest.TYPES.contains(word.toUpperCase(Locale.ROOT))) {
                if (type != null) {
                    throw new UsageException("unexpected '" + Targets.shown(word) + "': the type is already " + type,
                            usage);
                }
                type = word.toUpperCase(Locale.ROOT);
            } else if (name == null) {
                name = word;
            } else {
                throw new UsageException("unexpected '" + Targets.shown(word) + "': TYPE is one of "
                        + String.join(", ", DnsRequest.TYPES), usage);
            }
        }
        if (name == null) {
            throw new UsageException("which name? e.g. dns www.example.com", usage);
        }
        InetAddress literal = ip(name);
        if (literal != null) {
            if (type != null && !type.equals("PTR")) {
                throw new UsageException("'" + Targets.shown(name) + "' is an address, not a name: only PTR can be "
                        + "asked for an address (dns " + Targets.shown(name) + " PTR)", usage);
            }
            type = "PTR";
        } else {
            Targets.validateName(name, "name");
            if (name.length() > 253 + 1) {
                throw new UsageException("name too long", usage);
            }
            if ("PTR".equals(type) && !name.toLowerCase(Locale.ROOT).matches(".*\\.(in-addr|ip6)\\.arpa\\.?")) {
                throw new UsageException("PTR needs an IP address (or a name under in-addr.arpa / ip6.arpa), e.g. "
                        + "dns 10.0.0.5 PTR", usage);
            }
        }
        InetAddress expect = null;
        if (w.value("--expect") != null) {
            expect = ip(w.value("--expect"));
            if (expect == null) {
                throw new UsageException("--expect '" + Targets.shown(w.value("--expect")) + "' is not an IP address",
                        usage);
            }
        }
        return new Command.Dns(new DnsRequest(name, type == null ? "A" : type, server, expect, timeout(w, usage)),
                w.flag("--json"));
    }

    private static InetSocketAddress server(String text, String usage) throws UsageException {
        String host = text;
        int port = 53;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new UsageException("@SERVER '" + Targets.shown(text) + "': missing ']'", usage);
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new UsageException("@SERVER '" + Targets.shown(text) + "': expected :PORT after ']'", usage);
                }
                port = Targets.port(rest.substring(1), "@SERVER", text);
            }
        } else if (text.chars().filter(c -> c == ':').count() == 1) {
            host = text.substring(0, text.indexOf(':'));
            port = Targets.port(text.substring(text.indexOf(':') + 1), "@SERVER", text);
        }
        InetAddress address = ip(host);
        if (address == null) {
            throw new UsageException("@SERVER '" + Targets.shown(text) + "' must be an IP address (a resolver's name "
                    + "would itself need resolving), e.g. @10.0.0.2", usage);
        }
        return new InetSocketAddress(address, port);
    }

    /** An IPv4 or IPv6 literal, never a DNS lookup; null otherwise. */
    static InetAddress ip(String text) {
        if (text == null || text.isEmpty() || text.length() > 64 || !text.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            return null;
        }
        if (text.matches("[0-9.]+") && !text.matches("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]"
                + "|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}")) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    // ---- shared option handling ------------------------------------------------------------------------

    /** Which options a command takes: flags and options with a value. */
    /** @param repeatable valued options that may be given more than once; their values are joined with commas */
    record Spec(Set<String> flags, Set<String> valued, Set<String> repeatable) {
        Spec(Set<String> flags, Set<String> valued) {
            this(flags, valued, Set.of());
        }
    }

    static final Map<String, Spec> SPECS = new HashMap<>(Map.of(
            "tcp", new Spec(Set.of("--json", "--no-capture"), Set.of("--timeout", "--pcap")),
            "dns", new Spec(Set.of("--json"), Set.of("--timeout", "--expect")),
            "tls", new Spec(Set.of("--json", "--no-capture"), Set.of("--timeout", "--pcap", "--sni", "--warn-days")),
            "http", new Spec(Set.of("--json", "--no-capture", "--insecure"), Set.of("--timeout", "--pcap")),
            "listeners", new Spec(Set.of("--json"), Set.of()),
            "listen", new Spec(Set.of("--json"), Set.of("--for")),
            "ping", new Spec(Set.of("--json"), Set.of("--count", "--timeout", "--pcap")),
            "trace", new Spec(Set.of("--json"), Set.of("--max-hops", "--timeout", "--pcap")),
            "mtu", new Spec(Set.of("--json"), Set.of("--timeout", "--pcap"))));

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
        return value == null ? limits.defaultTimeout() : CommandParser.timeout(value, limits, usage);
    }

    static Path pcap(Words w, String usage) throws UsageException {
        String value = w.value("--pcap");
        return value == null ? null : CommandParser.pcapPath(value, usage);
    }
}
