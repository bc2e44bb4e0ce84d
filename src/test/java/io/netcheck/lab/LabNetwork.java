package io.netcheck.lab;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Test fixture around {@code src/test/lab/netlab.sh}: a throwaway client / router / load balancer /
 * backends network built in Linux network namespaces (needs root). Integration tests ({@code *IT}) use it
 * like this:
 *
 * <pre>{@code
 * try (LabNetwork lab = LabNetwork.up("xy", 3)) {
 *     lab.run("haproxy", "http", "--check");
 *     LabNetwork.Result r = lab.netcheck(Duration.ofSeconds(30), "http://" + LabNetwork.VIP_HAPROXY + "/");
 * }
 * }</pre>
 *
 * Every lab id ({@code [a-z0-9]{1,5}}) is independent, so test classes that may run at the same time must
 * use different ids. The lab can be built in several {@link Topology topologies}; the constants below are
 * the same in all of them except where they say "topology a". netlab.sh and src/test/lab/README.md
 * document the address plans in full.
 */
public final class LabNetwork implements AutoCloseable {

    /** System property (set by the pom for failsafe) with the path of netlab.sh. */
    public static final String SCRIPT_PROPERTY = "netcheck.lab.script";
    /** System property (set by the pom for failsafe) with the path of the packaged app jar. */
    public static final String APP_JAR_PROPERTY = "netcheck.app.jar";

    // ---- address plan (must match netlab.sh) ----
    public static final String CLIENT = "198.51.100.2";
    public static final String CLIENT6 = "2001:db8:1::2";
    /** Router, client side: the client's default gateway and its DNS server. */
    public static final String ROUTER_CLIENT_SIDE = "198.51.100.1";
    public static final String ROUTER6_CLIENT_SIDE = "2001:db8:1::1";
    /** Router, load balancer side (topology a). */
    public static final String ROUTER_LB_SIDE = "198.51.100.9";
    public static final String ROUTER6_LB_SIDE = "2001:db8:2::1";
    /** The lb's own uplink address (topology a). */
    public static final String LB = "198.51.100.10";
    public static final String LB6 = "2001:db8:2::2";
    /** The backends' default gateway: the lb's bridge in topology a (the router's in b, r2's in c). */
    public static final String LB_BRIDGE = "203.0.113.129";
    public static final String LB_BRIDGE6 = "2001:db8:200::1";
    /** HAProxy frontend (local address on the lb). */
    public static final String VIP_HAPROXY = "203.0.113.10";
    /** iptables DNAT VIP: not a local address of the lb; only answers while {@code dnat} rules exist. */
    public static final String VIP_DNAT = "203.0.113.11";
    /** nginx reverse proxy frontend (local address on the lb). */
    public static final String VIP_NGINX = "203.0.113.12";
    /** HAProxy's IPv6 frontend. */
    public static final String VIP6 = "2001:db8:100::10";
    public static final String DNS_SERVER = ROUTER_CLIENT_SIDE;
    /** Routed by nobody: the router answers ICMP net unreachable. */
    public static final String UNROUTED = "198.51.100.200";
    public static final String VIP_NAME = "vip.lab.test";
    public static final String DNAT_NAME = "dnat.lab.test";
    public static final String PROXY_NAME = "proxy.lab.test";
    /** Any name under lab.test that is not listed: NXDOMAIN. */
    public static final String UNKNOWN_NAME = "nosuch.lab.test";
    public static final int MAX_BACKENDS = 32;

    /** Exit code reported when a command was killed because it exceeded its timeout. */
    public static final int TIMEOUT_EXIT = 124;

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern ID = Pattern.compile("[a-z0-9]{1,5}");
    private static final Pattern NODE = Pattern.compile("client|router|r2|lb|b([1-9]|[12][0-9]|3[0-2])");

    /**
     * The lab's layouts ({@code netlab.sh up --topology}). The client, its router, the VIPs on node "lb" and
     * the backends' addresses are the same in all of them; what changes is where the lb sits relative to
     * the servers. {@code routersToVip} / {@code routersToBackends}: routers between the client and the
     * VIP's host / a backend (a reply from there arrives with its initial TTL minus that).
     */
    public enum Topology {
        A("client - router - lb - backends: the lb routes to its servers, one hop closer than them", 1, 2),
        B("client - router - backends, lb on another router leg: VIP and servers equally far", 1, 1),
        C("client - router - r2 - LAN with a one-armed lb and the servers: both two routers away", 2, 2),
        D("client - router - r2 - lb - backends: topology a one router further away", 2, 3),
        E("topology b with other vendors' stacks: routers and lb start at TTL 255, the servers at 128", 1, 1,
                255, 128);

        private final String description;
        private final int routersToVip;
        private final int routersToBackends;
        private final int lbTtl;
        private final int backendTtl;

        Topology(String description, int routersToVip, int routersToBackends) {
            this(description, routersToVip, routersToBackends, 64, 64);
        }

        /** @param lbTtl the initial TTL of the lb's (and the routers') packets; backendTtl the servers' */
        Topology(String description, int routersToVip, int routersToBackends, int lbTtl, int backendTtl) {
            this.description = description;
            this.routersToVip = routersToVip;
            this.routersToBackends = routersToBackends;
            this.lbTtl = lbTtl;
            this.backendTtl = backendTtl;
        }

        /** The TTL a reply from the VIP's host arrives with at the client. */
        public int vipReplyTtl() {
            return lbTtl - routersToVip;
        }

        /** The TTL a reply from a backend arrives with at the client. */
        public int backendReplyTtl() {
            return backendTtl - routersToBackends;
        }

        /** The netlab.sh argument: a, b, c, d or e. */
        public String arg() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String description() {
            return description;
        }

        public int routersToVip() {
            return routersToVip;
        }

        public int routersToBackends() {
            return routersToBackends;
        }
    }

    /** IPv4 address of backend {@code k} (1-based): 203.0.113.(129+k). */
    public static String backend(int k) {
        checkBackend(k);
        return "203.0.113." + (129 + k);
    }

    /** IPv6 address of backend {@code k}: 2001:db8:200::1:k, k written in decimal digits (b12 -> ...::1:12). */
    public static String backend6(int k) {
        checkBackend(k);
        return "2001:db8:200::1:" + k;
    }

    /** Node name of backend {@code k}: "bk". Its nginx answers body {@code "backend bk\n"}, header X-Backend: bk. */
    public static String backendName(int k) {
        checkBackend(k);
        return "b" + k;
    }

    /** DNS name of backend {@code k} (A record only): bk.lab.test. */
    public static String backendHost(int k) {
        return backendName(k) + ".lab.test";
    }

    private static void checkBackend(int k) {
        if (k < 1 || k > MAX_BACKENDS) {
            throw new IllegalArgumentException("backend index must be 1.." + MAX_BACKENDS + ", got " + k);
        }
    }

    /** Outcome of a command. {@code exit} is {@link #TIMEOUT_EXIT} when it was killed for exceeding its timeout. */
    public record Result(int exit, String stdout, String stderr) {
        public boolean ok() {
            return exit == 0;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
        }
    }

    /** A lab command that failed. */
    public static final class LabException extends RuntimeException {
        LabException(String message) {
            super(message);
        }
    }

    private final String id;
    private final int backends;
    private final Topology topology;
    private final Path script;
    private final String ip;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private LabNetwork(String id, int backends, Topology topology, Path script, String ip) {
        this.id = id;
        this.backends = backends;
        this.topology = topology;
        this.script = script;
        this.ip = ip;
        this.shutdownHook = new Thread(this::downQuietly, "netlab-down-" + id);
    }

    /**
     * Builds lab {@code id} with {@code backends} backends: first tears down whatever a crashed earlier
     * run left under the same id, then runs {@code netlab.sh up}. Fails (never skips) when not root or when
     * {@code ip} or the script are missing. A JVM shutdown hook tears the lab down if {@link #close()} is
     * never called. Topology a.
     */
    public static LabNetwork up(String id, int backends) {
        return up(id, backends, Topology.A);
    }

    /** Like {@link #up(String, int)}, in the given topology. */
    public static LabNetwork up(String id, int backends, Topology topology) {
        if (topology == null) {
            throw new IllegalArgumentException("topology must be given");
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("lab id must be 1-5 chars [a-z0-9], got '" + id + "'");
        }
        if (backends < 1 || backends > MAX_BACKENDS) {
            throw new IllegalArgumentException("backends must be 1.." + MAX_BACKENDS + ", got " + backends);
        }
        long uid = effectiveUid();
        if (uid != 0) {
            throw new LabException("the network lab needs root (network namespaces, iptables); running as uid " + uid
                    + ". Run the integration tests as root, or skip them with -DskipITs");
        }
        Path ip = findExecutable("ip");
        if (ip == null) {
            throw new LabException("'ip' (iproute2) not found; run scripts/install-deps.sh");
        }
        Path script = locateScript();
        LabNetwork lab = new LabNetwork(id, backends, topology, script, ip.toString());
        Result down = lab.script(SCRIPT_TIMEOUT, "down");
        if (!down.ok()) {
            throw new LabException("netlab.sh down (cleanup before up) failed for lab '" + id + "':\n" + down);
        }
        Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
        Result up = lab.script(SCRIPT_TIMEOUT, "up", "--backends", Integer.toString(backends),
                "--topology", topology.arg());
        if (!up.ok()) {
            LabException failure = new LabException("netlab.sh up failed for lab '" + id + "':\n" + up);
            try {
                lab.close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
            throw failure;
        }
        return lab;
    }

    public String id() {
        return id;
    }

    public int backends() {
        return backends;
    }

    public Topology topology() {
        return topology;
    }

    public Path script() {
        return script;
    }

    /** Namespace name of a node: nc{id}-{node}. */
    public String namespace(String node) {
        if (node == null || !NODE.matcher(node).matches()) {
            throw new IllegalArgumentException("node must be client|router|r2|lb|b1..b" + MAX_BACKENDS + ", got '" + node + "'");
        }
        return "nc" + id + "-" + node;
    }

    /** Runs {@code netlab.sh ARGS...} for this lab; throws with its output unless it exits 0. */
    public Result run(String... netlabArgs) {
        return run(SCRIPT_TIMEOUT, netlabArgs);
    }

    /** Like {@link #run(String...)} with an explicit timeout. */
    public Result run(Duration timeout, String... netlabArgs) {
        ensureOpen();
        Result r = script(timeout, netlabArgs);
        if (!r.ok()) {
            throw new LabException("netlab.sh " + String.join(" ", netlabArgs) + " failed (lab '" + id + "'):\n" + r);
        }
        return r;
    }

    /** Runs {@code cmd} inside the node's namespace; returns whatever it exits with. */
    public Result exec(String node, Duration timeout, String... cmd) {
        ensureOpen();
        if (cmd.length == 0) {
            throw new IllegalArgumentException("exec needs a command");
        }
        List<String> full = new ArrayList<>(List.of(ip, "netns", "exec", namespace(node)));
        full.addAll(Arrays.asList(cmd));
        return execute(full, Map.of(), timeout);
    }

    /** {@code curl -sS --noproxy '*' ARGS...} from the client. */
    public Result curl(Duration timeout, String... args) {
        List<String> full = new ArrayList<>(List.of("curl", "-sS", "--noproxy", "*"));
        full.addAll(Arrays.asList(args));
        return exec("client", timeout, full.toArray(String[]::new));
    }

    /**
     * Runs the packaged netcheck app inside the client namespace through its launcher:
     * {@code ip netns exec nc{id}-client sh src/main/bin/netcheck ARGS...} on {@code ${netcheck.app.jar}}'s app.
     */
    public Result netcheck(Duration timeout, String... args) {
        return netcheck(timeout, Map.of(), args);
    }

    /** The same, with environment variables for the app (e.g. a test Kubernetes API's address). */
    public Result netcheck(Duration timeout, Map<String, String> env, String... args) {
        ensureOpen();
        String jar = System.getProperty(APP_JAR_PROPERTY);
        if (jar == null || jar.isBlank() || !Files.isRegularFile(Path.of(jar))) {
            throw new LabException("app jar not found (system property " + APP_JAR_PROPERTY + " = " + jar
                    + "); integration tests run after 'mvn package' (use mvn verify)");
        }
        // As a user starts it: src/main/bin/netcheck (the lean start for a check, its class-data archive, the
        // client compiler; the Quarkus main for agent), on this app and this JDK.
        Map<String, String> launch = new HashMap<>(env);
        launch.put("NETCHECK_APP", Path.of(jar).getParent().toString());
        launch.putIfAbsent("NETCHECK_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> full = new ArrayList<>(List.of(ip, "netns", "exec", namespace("client"), "sh",
                Path.of("src", "main", "bin", "netcheck").toAbsolutePath().toString()));
        full.addAll(Arrays.asList(args));
        return execute(full, launch, timeout);
    }

    /**
     * Starts a long-running process inside the node's namespace (stdout piped to the caller, stderr to a log
     * file); the caller stops it through the returned handle before closing the lab.
     */
    public Process start(String node, Path stderr, String... cmd) {
        ensureOpen();
        List<String> full = new ArrayList<>(List.of(ip, "netns", "exec", namespace(node)));
        full.addAll(Arrays.asList(cmd));
        try {
            return new ProcessBuilder(full).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(stderr.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", full), e);
        }
    }

    /** Tears the lab down ({@code netlab.sh down}); idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException ignored) {
            // JVM already shutting down, or hook never registered
        }
        Result r = script(SCRIPT_TIMEOUT, "down");
        if (!r.ok()) {
            throw new LabException("netlab.sh down failed for lab '" + id + "':\n" + r);
        }
    }

    private void downQuietly() {
        if (closed.compareAndSet(false, true)) {
            Result r = script(SCRIPT_TIMEOUT, "down");
            if (!r.ok()) {
                System.err.println("netlab.sh down failed for lab '" + id + "' (shutdown hook):\n" + r);
            }
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("lab '" + id + "' is closed");
        }
    }

    private Result script(Duration timeout, String... args) {
        List<String> full = new ArrayList<>(List.of("bash", script.toString()));
        full.addAll(Arrays.asList(args));
        return execute(full, Map.of("NETLAB_ID", id), timeout);
    }

    /**
     * Runs a command with stdout/stderr going to temporary files (so servers started in the background
     * cannot keep a pipe open), killing it and its descendants if it exceeds {@code timeout}.
     */
    static Result execute(List<String> cmd, Map<String, String> env, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("netlab-", ".out");
            err = Files.createTempFile("netlab-", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int exit;
            String note = "";
            if (finished) {
                exit = p.exitValue();
            } else {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                exit = TIMEOUT_EXIT;
                note = "\n[LabNetwork] killed after exceeding timeout " + timeout + ": " + String.join(" ", cmd) + "\n";
            }
            return new Result(exit, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8) + note);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + String.join(" ", cmd));
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // temp file; nothing else to do
            }
        }
    }

    private static Path locateScript() {
        String prop = System.getProperty(SCRIPT_PROPERTY);
        Path p = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("src", "test", "lab", "netlab.sh");
        if (!Files.isRegularFile(p)) {
            throw new LabException("netlab.sh not found at " + p.toAbsolutePath() + " (system property " + SCRIPT_PROPERTY + ")");
        }
        return p.toAbsolutePath();
    }

    private static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new LabException("cannot determine uid from /proc/self/status (not Linux?): " + e);
        }
        throw new LabException("no Uid line in /proc/self/status");
    }

    private static Path findExecutable(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(Arrays.asList(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(d, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
