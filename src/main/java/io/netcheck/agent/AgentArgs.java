package io.netcheck.agent;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code agent --connect URL --name NAME [--zone Z] [--label k=v ...]}: who the agent is and where it dials.
 *
 * @param connect the server's base URL (http, https, ws or wss); the endpoint path is added
 */
public record AgentArgs(URI connect, String name, String zone, Map<String, String> labels) {
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,63}");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9._/-]{1,63}");
    public static final String USAGE = """
            usage: agent --connect URL --name NAME [--zone ZONE] [--label KEY=VALUE ...]
              runs checks for a netcheck server from this host: dials out to URL (http(s)://HOST:PORT of the
              server), keeps one connection, no inbound port. Token: env NETCHECK_AGENT_TOKEN.
              --connect URL     the netcheck server (http://, https://, ws:// or wss://)
              --name NAME       this agent's name, as in the server's NETCHECK_AGENT_TOKENS (e.g. lb-a)
              --zone ZONE       where it stands (shown in /netcheck agents)
              --label K=V       more labels, repeatable""";

    public AgentArgs {
        labels = Map.copyOf(labels);
    }

    /** @throws IllegalArgumentException with the reason (the caller prints it with the usage, exit 2) */
    public static AgentArgs parse(List<String> words) {
        URI connect = null;
        String name = null;
        String zone = null;
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.equals("--connect") && !w.equals("--name") && !w.equals("--zone") && !w.equals("--label")) {
                throw new IllegalArgumentException("unknown agent option '" + w + "'");
            }
            if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                throw new IllegalArgumentException(w + " needs a value");
            }
            String v = words.get(++i);
            switch (w) {
                case "--connect" -> connect = url(v);
                case "--name" -> {
                    if (!NAME.matcher(v).matches()) {
                        throw new IllegalArgumentException("--name '" + v + "' must be 1-63 of [A-Za-z0-9._-]");
                    }
                    name = v;
                }
                case "--zone" -> {
                    if (!NAME.matcher(v).matches()) {
                        throw new IllegalArgumentException("--zone '" + v + "' must be 1-63 of [A-Za-z0-9._-]");
                    }
                    zone = v;
                }
                default -> {
                    int eq = v.indexOf('=');
                    if (eq <= 0 || !LABEL_KEY.matcher(v.substring(0, eq)).matches() || v.length() - eq - 1 > 63) {
                        throw new IllegalArgumentException("--label '" + v + "' must be KEY=VALUE (key 1-63 of "
                                + "[A-Za-z0-9._/-], value at most 63 characters)");
                    }
                    labels.put(v.substring(0, eq), v.substring(eq + 1));
                }
            }
        }
        if (connect == null) {
            throw new IllegalArgumentException("--connect URL is required (the netcheck server, e.g. https://netcheck.internal)");
        }
        if (name == null) {
            throw new IllegalArgumentException("--name NAME is required (as listed in the server's NETCHECK_AGENT_TOKENS)");
        }
        return new AgentArgs(connect, name, zone, labels);
    }

    private static URI url(String v) {
        try {
            URI u = new URI(v);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!List.of("http", "https", "ws", "wss").contains(scheme) || u.getHost() == null) {
                throw new IllegalArgumentException("--connect '" + v + "' must be http(s)://HOST[:PORT] or ws(s)://HOST[:PORT]");
            }
            // The WebSocket client takes http(s) as the base URI; ws(s) is the same thing spelt differently.
            String base = (scheme.equals("ws") ? "http" : scheme.equals("wss") ? "https" : scheme) + "://"
                    + u.getRawAuthority() + (u.getRawPath() == null ? "" : u.getRawPath().replaceAll("/+$", ""));
            return new URI(base);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--connect '" + v + "' is not a URL");
        }
    }
}
