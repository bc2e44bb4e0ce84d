package io.netcheck.lab;

import static org.junit.jupiter.api.Assertions.fail;

import io.netcheck.lab.LabNetwork.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every VIP fault on every lab topology: the packaged CLI in the client namespace, exactly as
 * {@link VipChecklistIT} runs it, against real load balancers with real faults. One lab per topology,
 * brought up once and torn down after its faults (try-with-resources, so also on failure).
 *
 * <p>The verdict was tuned on topology a, so some cells are expected to be wrong until the verdict is
 * fixed: every cell runs, the matrix is printed to stdout and written to {@code target/fault-matrix.md},
 * and the test fails once, at the end, with the whole matrix. A topology's own test fails only when its
 * lab could not be built or a fault could not be set up.
 *
 * <p>A part of the matrix: {@code -Dfaultmatrix.topologies=b,c} and/or {@code -Dfaultmatrix.faults=4,6,7}.
 */
class FaultMatrixIT {
    static final String VIP = LabNetwork.VIP_HAPROXY + ":80";
    static final String DNAT = LabNetwork.VIP_DNAT + ":80";
    static final String PROXY = LabNetwork.VIP_NGINX + ":80";
    static final String TLS_PROXY = LabNetwork.VIP_NGINX + ":443";
    static final String BACKENDS = LabNetwork.backend(1) + ":80," + LabNetwork.backend(2) + ":80,"
            + LabNetwork.backend(3) + ":80";
    static final String HTTP_VIP = "http://" + VIP + "/";
    /** The same HAProxy VIP over IPv6 (dual-stack: HAProxy reaches its servers over IPv4). */
    static final String VIP6 = "[" + LabNetwork.VIP6 + "]:80";
    static final String BACKENDS6 = "[" + LabNetwork.backend6(1) + "]:80,[" + LabNetwork.backend6(2) + "]:80,["
            + LabNetwork.backend6(3) + "]:80";
    static final String HTTP_VIP6 = "http://" + VIP6 + "/";

    /**
     * One row of the matrix. {@code setup}: lab steps separated by ';' — a netlab.sh command, or
     * {@code await CODE URL} (poll with curl from the client until the URL answers CODE), or
     * {@code sleep MS}. The lab is reset to a clean slate before each row.
     */
    record Fault(int no, String name, String setup, String command, String cause, String team, Set<Topology> on) {
        String expected() {
            return cause + "/" + team;
        }

        /** Whether this row runs on {@code t} (most run on every topology). */
        boolean runsOn(Topology t) {
            return on.isEmpty() || on.contains(t);
        }

        /**
         * This row on every topology but topology e, which only changes the stacks' initial TTLs: for a verdict that
         * reads no TTL (a silent drop, a certificate, a path MTU) e repeats b, and CI time is kept under 20 minutes.
         */
        Fault noTtlRead() {
            return new Fault(no, name, setup, command, cause, team, Arrays.stream(Topology.values())
                    .filter(t -> t != Topology.E).collect(Collectors.toUnmodifiableSet()));
        }
    }

    static Fault fault(int no, String name, String setup, String command, String cause, String team) {
        return new Fault(no, name, setup, command, cause, team, Set.of());
    }

    /**
     * The IPv6 rows run where the layout or the stacks differ most: a (the lb routes to its servers), c (one-armed,
     * two routers away) and e (other vendors' hop limits). On b and d they were right too (2026-12-04); left out of
     * CI to keep it under 20 minutes.
     */
    static Fault fault6(int no, String name, String setup, String command, String cause, String team) {
        return new Fault(no, name, setup, command, cause, team, Set.of(Topology.A, Topology.C, Topology.E));
    }

    static final List<Fault> FAULTS = List.of(
        // no  fault                                    lab set-up                                                       netcheck                                                              cause                   team
        fault(1,  "healthy HAProxy http",               "haproxy http --check; await 200 " + HTTP_VIP,                    "vip " + VIP + " --backends " + BACKENDS,                              "HEALTHY",              "none"),
        fault(2,  "fw drop",                            "haproxy http --check; fw drop",                                  "vip " + VIP + " --backends " + BACKENDS,                              "FIREWALL_DROP",        "firewall").noTtlRead(),
        fault(3,  "fw reject (ICMP port unreachable)",  "haproxy http --check; fw reject",                                "vip " + VIP + " --backends " + BACKENDS,                              "FIREWALL_REJECT",      "firewall"),
        fault(4,  "fw reject-rst (router forges RST)",  "haproxy http --check; fw reject-rst",                            "vip " + VIP + " --backends " + BACKENDS,                              "FIREWALL_REJECT",      "firewall"),
        fault(5,  "fw reject-admin",                    "haproxy http --check; fw reject-admin",                          "vip " + VIP + " --backends " + BACKENDS,                              "FIREWALL_REJECT",      "firewall"),
        fault(6,  "HAProxy stopped",                    "haproxy-stop",                                                   "vip " + VIP + " --backends " + BACKENDS,                              "VIP_NOT_LISTENING",    "lb"),
        fault(7,  "nginx proxy stopped",                "nginx-proxy-stop",                                               "vip " + PROXY + " --backends " + BACKENDS,                            "VIP_NOT_LISTENING",    "lb"),
        fault(8,  "HAProxy http, all servers stopped",  "haproxy http --check; backend-stop all; await 503 " + HTTP_VIP,  "vip " + VIP + " --backends " + BACKENDS,                              "BACKENDS_DOWN",        "server"),
        fault(9,  "HAProxy tcp, all servers stopped",   "haproxy tcp --check; backend-stop all; sleep 800",               "vip " + VIP + " --backends " + BACKENDS,                              "BACKENDS_DOWN",        "server"),
        fault(10, "HAProxy to the wrong server port",   "haproxy http --check --backend-port 8080; await 503 " + HTTP_VIP, "vip " + VIP + " --backends " + BACKENDS,                             "LB_MISCONFIGURED",     "lb"),
        fault(11, "HAProxy, server 2 stopped",          "haproxy http --check; backend-stop 2; sleep 800",                "vip " + VIP + " --backends " + BACKENDS,                              "DEGRADED",             "server"),
        fault(12, "healthy DNAT",                       "dnat",                                                           "vip " + DNAT + " --backends " + BACKENDS,                             "HEALTHY",              "none"),
        fault(13, "DNAT to the wrong server port",      "dnat --backend-port 8080",                                       "vip " + DNAT + " --backends " + BACKENDS,                             "LB_MISCONFIGURED",     "lb"),
        fault(14, "DNAT, all servers stopped",          "dnat; backend-stop all",                                         "vip " + DNAT + " --backends " + BACKENDS,                             "BACKENDS_DOWN",        "server"),
        fault(15, "nginx proxy, all servers stopped",   "nginx-proxy; backend-stop all",                                  "vip " + PROXY + " --backends " + BACKENDS,                            "BACKENDS_DOWN",        "server"),
        fault(16, "nginx proxy, LB->servers dropped",   "nginx-proxy; lb-path drop",                                      "vip " + PROXY + " --backends " + BACKENDS,                            "BACKENDS_UNREACHABLE", "network"),
        fault(17, "HAProxy no checks, LB->servers dropped", "haproxy http; lb-path drop",                                 "vip " + VIP + " --backends " + BACKENDS,                              "BACKENDS_UNREACHABLE", "network"),
        fault(18, "TLS proxy, expired certificate",     "tls-proxy --expired",                                            "vip " + TLS_PROXY + " --tls --sni vip.lab.test --backends " + BACKENDS, "TLS", "lb").noTtlRead(),
        fault(19, "TLS proxy, wrong name",              "tls-proxy --name other.lab.test",                                "vip " + TLS_PROXY + " --tls --plain-backends --sni vip.lab.test --backends " + BACKENDS, "TLS", "lb").noTtlRead(),
        fault(20, "path MTU black hole",                "haproxy http --check; await 200 " + HTTP_VIP + "; mtu-blackhole", "vip " + VIP + " --path /big --backends " + BACKENDS,               "ROUTING",              "network").noTtlRead(),
        fault6(21, "IPv6: healthy HAProxy http",         "haproxy http --check; await 200 " + HTTP_VIP6,                   "vip " + VIP6 + " --backends " + BACKENDS6,                            "HEALTHY",              "none"),
        fault6(22, "IPv6: fw reject (port unreachable)", "haproxy http --check; fw reject --dst " + LabNetwork.VIP6,       "vip " + VIP6 + " --backends " + BACKENDS6,                            "FIREWALL_REJECT",      "firewall"),
        fault6(23, "IPv6: fw reject-rst (forged RST)",   "haproxy http --check; fw reject-rst --dst " + LabNetwork.VIP6,   "vip " + VIP6 + " --backends " + BACKENDS6,                            "FIREWALL_REJECT",      "firewall"),
        fault6(24, "IPv6: HAProxy stopped",              "haproxy-stop",                                                   "vip " + VIP6 + " --backends " + BACKENDS6,                            "VIP_NOT_LISTENING",    "lb"),
        fault6(25, "IPv6: HAProxy http, all servers stopped", "haproxy http --check; backend-stop all; await 503 " + HTTP_VIP6, "vip " + VIP6 + " --backends " + BACKENDS6,                   "BACKENDS_DOWN",        "server")
    );

    /** What one cell came out as. {@code problem}: the lab or the CLI failed, so there is no verdict. */
    record Cell(Topology topology, Fault fault, String cause, String team, String confidence, String rule,
            String summary, int exit, long setupMillis, long millis, String problem) {
        boolean right() {
            return problem == null && fault.cause().equals(cause) && fault.team().equals(team);
        }

        String got() {
            return problem != null ? "ERROR" : cause + "/" + team;
        }
    }

    static final Map<String, Cell> RESULTS = new ConcurrentHashMap<>();
    static final Map<Topology, Long> LAB_MILLIS = new ConcurrentHashMap<>();
    static final List<Topology> TOPOLOGIES = selected("faultmatrix.topologies", Arrays.asList(Topology.values()),
            s -> Topology.valueOf(s.toUpperCase(Locale.ROOT)));
    static final List<Fault> RUN = selected("faultmatrix.faults", FAULTS,
            s -> FAULTS.stream().filter(f -> f.no() == Integer.parseInt(s)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no fault #" + s)));

    /** The items a comma-separated system property names, or all of them. */
    static <T> List<T> selected(String property, List<T> all, Function<String, T> parse) {
        String value = System.getProperty(property, "").strip();
        return value.isEmpty() ? all : Arrays.stream(value.split(",")).map(String::strip).map(parse).toList();
    }

    /**
     * How many topologies run at once ({@code -Dfaultmatrix.parallel}, default 3): each has its own lab, and a cell
     * spends most of its time waiting on fault set-up, so three labs side by side take little more than one (on 2 cores, with 5 topologies: two rounds, not three).
     */
    static final int PARALLEL = Integer.getInteger("faultmatrix.parallel", 3);

    @TestFactory
    Stream<DynamicTest> faultMatrix() {
        long start = System.nanoTime();
        ExecutorService labs = Executors.newFixedThreadPool(Math.max(1, PARALLEL));
        Map<Topology, Future<?>> running = new LinkedHashMap<>();
        TOPOLOGIES.forEach(t -> running.put(t, labs.submit(() -> runTopology(t))));
        labs.shutdown();
        Stream<DynamicTest> perTopology = TOPOLOGIES.stream().map(t -> DynamicTest.dynamicTest(
                "topology " + t.arg() + ": " + t.description(), () -> awaitTopology(running.get(t))));
        DynamicTest verdicts = DynamicTest.dynamicTest("verdicts match the matrix",
                () -> report((System.nanoTime() - start) / 1_000_000));
        return Stream.concat(perTopology, Stream.of(verdicts));
    }

    /** A topology's own outcome: its lab problems fail it (the matrix is judged at the end). */
    static void awaitTopology(Future<?> run) throws Exception {
        try {
            run.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw (Exception) e.getCause();
        }
    }

    static void runTopology(Topology t) {
        long t0 = System.nanoTime();
        List<String> labProblems = new ArrayList<>();
        try (LabNetwork lab = LabNetwork.up("fm" + t.arg(), 3, t)) {
            for (Fault f : RUN) {
                if (!f.runsOn(t)) {
                    continue;
                }
                Cell cell = runCell(lab, f);
                RESULTS.put(key(t, f), cell);
                if (cell.problem() != null) {
                    labProblems.add("#" + f.no() + " " + f.name() + ": " + cell.problem());
                }
            }
        } finally {
            LAB_MILLIS.put(t, (System.nanoTime() - t0) / 1_000_000);
        }
        if (!labProblems.isEmpty()) {
            fail("topology " + t.arg() + ": faults that could not be set up or run:\n" + String.join("\n", labProblems));
        }
    }

    static Cell runCell(LabNetwork lab, Fault f) {
        Topology t = lab.topology();
        long s0 = System.nanoTime();
        try {
            lab.run("reset");
            for (String step : f.setup().split(";")) {
                setUp(lab, step.trim());
            }
        } catch (RuntimeException e) {
            return new Cell(t, f, "", "", "", "", "", -1, 0, 0, "set-up: " + e.getMessage());
        }
        long setupMillis = (System.nanoTime() - s0) / 1_000_000;
        List<String> args = new ArrayList<>(List.of(f.command().split(" ")));
        args.addAll(List.of("--timeout", "2s", "--json"));
        long t0 = System.nanoTime();
        LabNetwork.Result r = lab.netcheck(Duration.ofSeconds(60), args.toArray(String[]::new));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        CliRun run;
        try {
            run = CliRun.of(r);
        } catch (AssertionError e) {
            return new Cell(t, f, "", "", "", "", "", r.exit(), setupMillis, millis, "no JSON from netcheck: " + r);
        }
        String problem = run.stderr().contains("Exception") ? "stack trace on stderr: " + run.stderr() : null;
        return new Cell(t, f, run.cause(), run.team(), run.json().at("/verdict/confidence").asText(),
                run.json().at("/verdict/rule").asText(), run.json().at("/verdict/summary").asText() + " | "
                        + run.json().at("/verdict/explanation").asText(), run.exit(),
                setupMillis, millis, problem);
    }

    static void setUp(LabNetwork lab, String step) {
        String[] words = step.split("\\s+");
        switch (words[0]) {
            case "await" -> awaitHttp(lab, words[2], words[1]);
            case "sleep" -> sleep(Long.parseLong(words[1]));
            default -> lab.run(words);
        }
    }

    static void awaitHttp(LabNetwork lab, String url, String code) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String last = "";
        while (System.nanoTime() < until) {
            last = lab.curl(Duration.ofSeconds(5), "-o", "/dev/null", "-w", "%{http_code}", "-m", "3", url).stdout();
            if (last.equals(code)) {
                return;
            }
            sleep(100);
        }
        throw new LabNetwork.LabException(url + " never answered " + code + " (last: " + last + ")");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabNetwork.LabException("interrupted");
        }
    }

    static String key(Topology t, Fault f) {
        return t.arg() + "#" + f.no();
    }

    /** Prints and writes the matrix, then fails if any cell is wrong or missing. */
    static void report(long totalMillis) {
        String md = matrix(totalMillis);
        System.out.println(md);
        try {
            Path out = Path.of("target", "fault-matrix.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, md);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write target/fault-matrix.md", e);
        }
        long cells = TOPOLOGIES.stream().mapToLong(t -> RUN.stream().filter(f -> f.runsOn(t)).count()).sum();
        long wrong = TOPOLOGIES.stream().flatMap(t -> RUN.stream().filter(f -> f.runsOn(t))
                .map(f -> RESULTS.get(key(t, f)))).filter(c -> c == null || !c.right()).count();
        if (wrong > 0) {
            fail(wrong + " of " + cells + " cells wrong:\n" + md);
        }
    }

    static String matrix(long totalMillis) {
        StringBuilder sb = new StringBuilder("## Fault matrix: cause/team netcheck gave, per topology (ok = the expected cause and team, with the confidence)\n\n");
        for (Topology t : TOPOLOGIES) {
            sb.append("- ").append(t.arg()).append(": ").append(t.description()).append('\n');
        }
        sb.append("\n| # | fault | expected |");
        TOPOLOGIES.forEach(t -> sb.append(' ').append(t.arg()).append(" |"));
        sb.append("\n|---|---|---|");
        TOPOLOGIES.forEach(t -> sb.append("---|"));
        sb.append('\n');
        List<Cell> wrong = new ArrayList<>();
        long setup = 0;
        long netcheck = 0;
        for (Fault f : RUN) {
            sb.append("| ").append(f.no()).append(" | ").append(f.name()).append(" | ").append(f.expected()).append(" |");
            for (Topology t : TOPOLOGIES) {
                Cell c = RESULTS.get(key(t, f));
                if (c != null) {
                    setup += c.setupMillis();
                    netcheck += c.millis();
                }
                if (!f.runsOn(t)) {
                    sb.append(" – |");
                } else if (c == null) {
                    sb.append(" not run |");
                } else if (c.right()) {
                    sb.append(" ok ").append(c.confidence()).append(" |");
                } else {
                    sb.append(" **").append(c.got()).append("** |");
                    wrong.add(c);
                }
            }
            sb.append('\n');
        }
        sb.append("\nWrong cells (topology #fault: got cause/team, confidence, rule; exit; time; summary | explanation):\n\n");
        if (wrong.isEmpty()) {
            sb.append("- none\n");
        }
        for (Cell c : wrong) {
            sb.append("- ").append(c.topology().arg()).append(" #").append(c.fault().no()).append(' ')
                    .append(c.fault().name()).append(": ");
            if (c.problem() != null) {
                sb.append("ERROR ").append(c.problem().replace('\n', ' '));
            } else {
                sb.append("got ").append(c.got()).append(", ").append(c.confidence()).append(", rule ")
                        .append(c.rule()).append("; exit ").append(c.exit()).append("; ").append(c.millis())
                        .append(" ms; ").append(c.summary());
            }
            sb.append(" (expected ").append(c.fault().expected()).append(")\n");
        }
        sb.append("\nTime: ").append(totalMillis / 1000).append(" s in total, ").append(Math.max(1, PARALLEL))
                .append(" lab(s) at a time");
        for (Topology t : TOPOLOGIES) {
            Long ms = LAB_MILLIS.get(t);
            sb.append("; ").append(t.arg()).append(' ').append(ms == null ? "-" : ms / 1000 + " s");
        }
        sb.append(" (each: lab up, its faults, down). Summed over the labs: fault set-up ")
                .append(setup / 1000).append(" s, netcheck runs ").append(netcheck / 1000).append(" s\n");
        return sb.toString();
    }
}
