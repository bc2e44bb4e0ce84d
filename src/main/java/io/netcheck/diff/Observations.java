package io.netcheck.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcheck.capture.Hops;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a report shows about its target, read from its JSON (schema/report-v1.json, the fields marked [diff]).
 * Noise is left out here, once: no ports or sequence numbers are read, address sets are sorted (round-robin
 * order), DNS record TTLs and timings are not values, and a trace hop that did not answer matches any router.
 */
final class Observations {
    /** A first byte this much slower, and by at least {@link #SLOWER_MS}, is a change; less is jitter. */
    static final double SLOWER_FACTOR = 3;
    static final double SLOWER_MS = 200;

    private final List<Observation> out = new ArrayList<>();

    private Observations() {
    }

    static List<Observation> of(JsonNode report) {
        Observations o = new Observations();
        JsonNode e = report.path("evidence");
        switch (kind(report)) {
            case "vip" -> o.vip(e);
            case "tcp" -> o.attempt(e.path("attempt"));
            case "tls" -> {
                o.attempt(e.path("attempt"));
                o.certificate(label(e.path("attempt").path("target")), e.path("handshake").path("tls"));
            }
            case "http" -> o.http(e);
            case "dns" -> o.dns(e);
            case "ping" -> o.ping(e);
            case "trace" -> o.trace(e);
            case "mtu" -> {
                o.dns(e.path("resolution"));
                o.pathMtu(e.path("address").asText(), e.path("result"));
            }
            case "listeners" -> o.listeners(e);
            default -> {
                // listen and anything newer: nothing identifies a path to compare
            }
        }
        return o.out;
    }

    static String kind(JsonNode report) {
        String command = report.path("command").asText("");
        int space = command.indexOf(' ');
        return space < 0 ? command : command.substring(0, space);
    }

    private void vip(JsonNode e) {
        String vip = label(e.path("vip").path("target"));
        endpoint(e.path("vip"), vip);
        JsonNode backends = e.path("backends");
        if (backends.size() > 0) {
            TreeSet<String> up = new TreeSet<>();
            for (JsonNode b : backends) {
                String label = label(b.path("target"));
                endpoint(b, label);
                if ("HEALTHY".equals(b.path("state").asText())) {
                    up.add(label);
                }
            }
            out.add(new Observation(Aspect.SERVERS_ANSWERING + " " + vip, Aspect.SERVERS_ANSWERING, vip,
                    Map.of("", up.isEmpty() ? "none" : String.join(", ", up)), true));
        }
        for (JsonNode m : e.path("pathMtu")) {
            pathMtu(m.path("address").asText(), m.path("result"));
        }
    }

    /** A VIP or real server of the checklist: a connect, a handshake and maybe an HTTP exchange. */
    private void endpoint(JsonNode n, String subject) {
        dns(n.path("resolution"));
        wire(n.path("wire"), subject);
        JsonNode result = n.path("result");
        certificate(subject, result.path("tls"));
        exchange(result.path("exchange"), subject);
    }

    /** A connect of a single-probe command. */
    private void attempt(JsonNode a) {
        String subject = label(a.path("target"));
        dns(a.path("resolution"));
        wire(a.path("wire"), subject);
    }

    private void http(JsonNode e) {
        JsonNode hops = e.path("hops");
        for (int i = 0; i < hops.size(); i++) {
            JsonNode hop = hops.get(i);
            String url = hop.path("url").asText();
            attempt(hop.path("attempt"));
            certificate(url, hop.path("tls").path("tls"));
            exchange(hop.path("exchange"), url);
            if (hop.hasNonNull("location") || i + 1 < hops.size()) {
                add(Aspect.REDIRECT, url, hop.path("location").asText("nowhere"));
            }
        }
        JsonNode m = e.path("pathMtu");
        if (m.isObject()) {
            pathMtu(m.path("address").asText(), m.path("result"));
        }
    }

    /** The dns command: each resolver's answer, as the sorted set of record data or what it said instead. */
    private void dns(JsonNode e) {
        if (e.has("status")) { // a resolution inside another command's evidence
            resolution(e);
            return;
        }
        String name = e.path("request").path("name").asText();
        List<JsonNode> resolvers = new ArrayList<>();
        e.path("system").forEach(resolvers::add);
        if (e.path("named").isObject()) {
            resolvers.add(e.path("named"));
        }
        for (JsonNode r : resolvers) {
            JsonNode a = r.path("answer");
            String server = a.path("query").path("server").asText();
            String value;
            if (!a.path("answered").asBoolean()) {
                value = "no answer";
            } else {
                TreeSet<String> data = new TreeSet<>();
                a.path("answers").forEach(rec -> data.add(rec.path("data").asText()));
                value = data.isEmpty() ? "nothing (" + a.path("rcode").asText() + ")" : String.join(", ", data);
            }
            out.add(new Observation(Aspect.DNS + " " + name + " " + server, Aspect.DNS,
                    name + " (via " + server + ")", Map.of("", value), true));
        }
    }

    /** A name the command resolved itself; an address literal resolves nothing. */
    private void resolution(JsonNode r) {
        String status = r.path("status").asText();
        if (status.equals("LITERAL") || status.isEmpty()) {
            return;
        }
        TreeSet<String> addresses = new TreeSet<>();
        r.path("addresses").forEach(a -> addresses.add(a.asText()));
        String value = addresses.isEmpty() ? "nothing (" + status + ")" : String.join(", ", addresses);
        String name = r.path("name").asText();
        if (out.stream().noneMatch(o -> o.key().equals(Aspect.DNS + " " + name))) {
            out.add(new Observation(Aspect.DNS + " " + name, Aspect.DNS, name, Map.of("", value), true));
        }
    }

    /** Distance and handshake signature of whoever answered the SYN. */
    private void wire(JsonNode w, String subject) {
        if (!w.path("synAckSeen").asBoolean() || !w.path("synAckTtl").isInt()) {
            return;
        }
        int ttl = w.path("synAckTtl").asInt();
        add(Aspect.DISTANCE, subject, Hops.text(Hops.fromTtl(ttl)) + " (TTL " + ttl + ")");
        Map<String, String> signature = new LinkedHashMap<>();
        signature.put("window", w.path("synAckWindow").asText("none"));
        signature.put("MSS", w.path("synAckMss").asText("none"));
        if (w.hasNonNull("synAckOptions")) {
            signature.put("options", w.path("synAckOptions").asText());
        }
        out.add(new Observation(Aspect.HANDSHAKE + " " + subject, Aspect.HANDSHAKE, subject, signature, false));
    }

    /** The leaf certificate, when a handshake completed. */
    private void certificate(String subject, JsonNode tls) {
        JsonNode leaf = tls.path("chain").path(0);
        if (!tls.path("established").asBoolean() || !leaf.isObject()) {
            return;
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("valid until", leaf.path("notAfter").asText());
        f.put("valid from", leaf.path("notBefore").asText());
        f.put("serial", leaf.path("serial").asText());
        f.put("subject", leaf.path("subject").asText());
        f.put("issuer", leaf.path("issuer").asText());
        out.add(new Observation(Aspect.CERTIFICATE + " " + subject, Aspect.CERTIFICATE, subject, f, false));
    }

    /** Status, load balancer signature, Server header and first-byte time of an HTTP response. */
    private void exchange(JsonNode ex, String subject) {
        JsonNode r = ex.path("response");
        if (!r.isObject()) {
            return;
        }
        add(Aspect.STATUS, subject, r.path("status").asText() + " " + r.path("reason").asText(""));
        add(Aspect.LB_SIGNATURE, subject, r.path("generatedBy").isObject()
                ? r.path("generatedBy").path("product").asText() + " (" + r.path("generatedBy").path("meaning").asText()
                + ")" : "the service itself (no load balancer page)");
        String server = "(none)";
        for (JsonNode h : r.path("headers")) {
            if (h.path("name").asText().equalsIgnoreCase("Server")) {
                server = h.path("value").asText();
            }
        }
        add(Aspect.SERVER_HEADER, subject, server);
        if (ex.path("firstByte").isNumber()) {
            out.add(new Observation(Aspect.TIMING + " " + subject, Aspect.TIMING, subject,
                    Map.of("", String.valueOf(ex.path("firstByte").asDouble())), false));
        }
    }

    private void ping(JsonNode e) {
        dns(e.path("resolution"));
        Map<Integer, Long> ttls = new java.util.TreeMap<>();
        for (JsonNode r : e.path("result").path("replies")) {
            if (r.path("replyTtl").isInt()) {
                ttls.merge(r.path("replyTtl").asInt(), 1L, Long::sum);
            }
        }
        ttls.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(t -> add(Aspect.DISTANCE,
                e.path("address").asText(), Hops.text(Hops.fromTtl(t.getKey())) + " (TTL " + t.getKey() + ")"));
    }

    private void trace(JsonNode e) {
        dns(e.path("resolution"));
        List<String> path = new ArrayList<>();
        for (JsonNode hop : e.path("result").path("hops")) {
            JsonNode answer = hop.path("icmp").isObject() ? hop.path("icmp") : hop.path("tcp");
            path.add(answer.isObject() ? answer.path("from").asText() : "*");
        }
        if (!path.isEmpty()) {
            add(Aspect.PATH, e.path("address").asText(), String.join(" → ", path));
        }
    }

    private void pathMtu(String address, JsonNode result) {
        if (result.path("pathMtu").isInt()) {
            add(Aspect.PATH_MTU, address, result.path("pathMtu").asText());
        }
    }

    private void listeners(JsonNode e) {
        TreeSet<String> sockets = new TreeSet<>();
        for (JsonNode l : e.path("listeners")) {
            String address = l.path("address").asText();
            sockets.add(l.path("protocol").asText() + " " + (address.contains(":") ? "[" + address + "]" : address) + ":"
                    + l.path("port").asText());
        }
        out.add(new Observation(Aspect.LISTENERS + " " + e.path("host").asText(), Aspect.LISTENERS,
                e.path("host").asText(), Map.of("", sockets.isEmpty() ? "none" : String.join(", ", sockets)), true));
    }

    private void add(Aspect aspect, String subject, String value) {
        out.add(Observation.of(aspect, subject, value));
    }

    private static String label(JsonNode hostPort) {
        String host = hostPort.path("host").asText();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + hostPort.path("port").asText();
    }

    /** Whether two values of an aspect differ beyond noise. */
    static boolean differ(Aspect aspect, String before, String after) {
        if (aspect == Aspect.TIMING) {
            double b = Double.parseDouble(before);
            double a = Double.parseDouble(after);
            return a > b * SLOWER_FACTOR && a - b >= SLOWER_MS;
        }
        if (aspect == Aspect.PATH) {
            // Where both answered, the routers must match; a trace that now stops early (or goes further) is
            // the outage itself, not a new path; a silent hop ("*") matches any router.
            String[] b = before.split(" → ");
            String[] a = after.split(" → ");
            for (int i = 0; i < Math.min(a.length, b.length); i++) {
                if (!a[i].equals("*") && !b[i].equals("*") && !a[i].equals(b[i])) {
                    return true;
                }
            }
            return false;
        }
        return !before.equals(after);
    }

    static String ms(String value) {
        return String.format(java.util.Locale.ROOT, "%.0f ms", Double.parseDouble(value));
    }

}
