package io.netcheck.slack;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Benchmark (not a test): the packaged app in HTTP mode against the fake Slack. Measures the ack latency
 * of N concurrent signed slash commands (p50/p99/max, accepted vs told-busy vs lost), waits for the
 * accepted runs to finish, then completes R more runs and reports the app's resident memory (current and
 * peak, from /proc/PID/status of the app process this bench started). Run by bench/slack-bench.sh:
 * {@code SlackAckBench JAR CONCURRENT RUNS [JVM OPTION...]}; the JVM options, if any, go to the app (e.g. a
 * bounded heap).
 */
public final class SlackAckBench {
    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int concurrent = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        List<String> jvmOptions = List.of(args).subList(3, args.length);
        int port;
        String fixedPort = System.getenv("BENCH_PORT");
        if (fixedPort != null && !fixedPort.isBlank()) {
            port = Integer.parseInt(fixedPort.strip());
        } else {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
        }
        Path pcaps = Files.createTempDirectory("netcheck-bench-pcaps");
        try (FakeSlack fake = new FakeSlack(); LoopbackTargets targets = new LoopbackTargets()) {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(jvmOptions);
            cmd.addAll(List.of("-jar", jar, "serve"));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            Map<String, String> env = pb.environment();
            env.put("SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN);
            env.put("SLACK_SIGNING_SECRET", SlackTestResource.SIGNING_SECRET);
            env.put("SLACK_API_URL", fake.apiUrl());
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.put("QUARKUS_LOG_LEVEL", "WARN");
            env.put("NETCHECK_CAPTURE_DIRECTORY", pcaps.toString());
            // A store of its own: the default ./data one would carry kept reports over from earlier runs.
            env.put("NETCHECK_STORE_URL", "jdbc:h2:file:" + Files.createTempDirectory("netcheck-bench-store").resolve("netcheck"));
            env.put("NETCHECK_POLICY_BUILTIN_DENY", "169.254.0.0/16");  // targets are on loopback
            pb.redirectErrorStream(true).redirectOutput(new File("bench/results/slack-app.log"));
            Process app = pb.start();
            System.out.printf("app pid %d, JVM options: %s%n", app.pid(), jvmOptions.isEmpty() ? "(none)"
                    : String.join(" ", jvmOptions));
            try {
                // Separate HTTP/1.1 requests, as Slack sends them (not multiplexed on one HTTP/2 connection).
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(2)).build();
                awaitReady(http, port);
                System.out.printf("app max heap (jvm_memory_max_bytes, heap): %.0f MiB%n",
                        metric(http, port, "jvm_memory_max_bytes", "area=\"heap\"") / 1048576);
                String events = "http://127.0.0.1:" + port + "/slack/events";
                String text = "vip " + targets.vip() + " --backends " + targets.vip() + "," + targets.closed()
                        + " --timeout 1s";
                // Warm-up: one run end to end, like a bot that has been up for a while.
                send(http, events, fake, text).join();
                fake.await("warm-up run", Duration.ofSeconds(30), f -> broadcasts(f) >= 1);

                // One user at a time: the ack as a person typing a command sees it.
                List<Long> single = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    fake.reset();
                    single.add(send(http, events, fake, text).join()[0]);
                    fake.await("a single run", Duration.ofSeconds(30), f -> broadcasts(f) >= 1);
                }
                Collections.sort(single);
                System.out.printf("single ack_ms p50=%.1f p99=%.1f (20 sequential commands)%n", pct(single, 50),
                        pct(single, 99));

                fake.reset();
                // Slack sends each command from its own machine: the requests are signed before the clock starts and
                // each goes out on its own connection from its own thread, released together. (Sending them through
                // one HttpClient counted the client's own selector thread and signing on this 2-core machine as ack
                // latency: about 250 ms at p99 for 300 requests.)
                // BENCH_CLIENT=httpclient sends the burst the earlier way, for comparison with earlier figures.
                List<CompletableFuture<long[]>> burst = new ArrayList<>();
                if ("httpclient".equals(System.getenv("BENCH_CLIENT"))) {
                    for (int i = 0; i < concurrent; i++) {
                        burst.add(send(http, events, fake, text));
                    }
                } else {
                    List<byte[]> signed = new ArrayList<>();
                    for (int i = 0; i < concurrent; i++) {
                        signed.add(rawRequest(port, form(fake, text)));
                    }
                    burst = RawBurst.send(port, signed);
                }
                System.out.printf("burst client: %s%n", "httpclient".equals(System.getenv("BENCH_CLIENT"))
                        ? "one java.net.http.HttpClient (BENCH_CLIENT=httpclient)" : "a connection and thread per request");
                List<Long> latencies = new ArrayList<>();
                int accepted = 0;
                int busy = 0;
                int other = 0;
                for (CompletableFuture<long[]> f : burst) {
                    long[] r = f.join();
                    latencies.add(r[0]);
                    if (r[1] == 1) {
                        accepted++;
                    } else if (r[1] == 2) {
                        busy++;
                    } else {
                        other++;
                    }
                }
                Collections.sort(latencies);
                int acceptedRuns = accepted;
                // Every accepted run must end in its thread's broadcast verdict; what does not within 2 min is lost.
                long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (broadcasts(fake) < acceptedRuns && System.nanoTime() < until && app.isAlive()) {
                    Thread.sleep(50);
                }
                fake.awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(10));
                // The server's own view of the same requests (from reading the request to writing the answer):
                // what the ack latency above adds to it is waiting to be accepted and read, on a 2-core machine.
                double count = metric(http, port, "http_server_requests_seconds_count", "uri=\"/slack/events\"");
                double sum = metric(http, port, "http_server_requests_seconds_sum", "uri=\"/slack/events\"");
                System.out.printf("server time per /slack/events request so far: mean %.1f ms, max %.1f ms (%d)%n",
                        sum / Math.max(1, count) * 1000, metricMax(http, port) * 1000, (long) count);
                long completed = broadcasts(fake);
                long roots = fake.accepted("chat.postMessage").stream().filter(c -> c.param("thread_ts") == null).count();
                String afterBurst = Files.readString(Path.of("/proc/" + app.pid() + "/status"));
                if (nmt(jvmOptions)) {
                    jcmdTo(List.of(jcmd(), String.valueOf(app.pid()), "VM.native_memory", "summary"),
                            "bench/results/slack-nmt-burst.txt");
                }
                System.out.printf("burst of %d: ack_ms p50=%.1f p99=%.1f max=%.1f; accepted=%d busy=%d other=%d; "
                        + "accepted runs completed=%d (root cards %d), lost=%d; after the burst's runs: %s, %s%n",
                        concurrent, pct(latencies, 50), pct(latencies, 99),
                        latencies.get(latencies.size() - 1) / 1e6, accepted, busy, other, completed, roots,
                        acceptedRuns - completed + other, field(afterBurst, "VmRSS"), field(afterBurst, "VmHWM"));

                // Then complete `runs` runs, a few at a time (within the bot's capacity).
                int done = 0;
                while (done < runs) {
                    fake.reset();
                    int batch = Math.min(4, runs - done);
                    List<CompletableFuture<long[]>> wave = new ArrayList<>();
                    for (int i = 0; i < batch; i++) {
                        wave.add(send(http, events, fake, text));
                    }
                    int ok = (int) wave.stream().map(CompletableFuture::join).filter(r -> r[1] == 1).count();
                    if (!app.isAlive()) {
                        throw new IllegalStateException("the app died; see bench/results/slack-app.log");
                    }
                    fake.await("a wave of runs", Duration.ofSeconds(60), f -> broadcasts(f) >= ok);
                    done += ok;
                }
                // A run deletes its .pcap just after posting the thread: give the last wave that moment.
                fake.awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(10));
                for (int i = 0; i < 50 && pcaps.toFile().list().length > 0; i++) {
                    Thread.sleep(100);
                }
                String status = Files.readString(Path.of("/proc/" + app.pid() + "/status"));
                System.out.printf("memory after %d completed runs: %s, %s (%s, %s); pcaps left on disk: %d%n", runs,
                        field(status, "VmRSS"), field(status, "VmHWM"), field(status, "RssAnon"),
                        field(status, "RssFile"), pcaps.toFile().list().length);
                System.out.printf("app heap used %.0f MiB of %.0f MiB; GC pauses: %.0f, %.2f s in all; "
                        + "OutOfMemoryError in the app's log: %s%n",
                        metric(http, port, "jvm_memory_used_bytes", "area=\"heap\"") / 1048576,
                        metric(http, port, "jvm_memory_max_bytes", "area=\"heap\"") / 1048576,
                        metric(http, port, "jvm_gc_pause_seconds_count", ""),
                        metric(http, port, "jvm_gc_pause_seconds_sum", ""),
                        Files.readString(Path.of("bench/results/slack-app.log")).contains("OutOfMemoryError")
                                ? "yes" : "no");
                whereMemoryGoes(app.pid(), jvmOptions);
            } finally {
                app.destroy();
                app.waitFor();
            }
        }
    }

    /**
     * Where the app's memory goes, from the JVM itself rather than guesses: the native memory tracking summary
     * (when the app runs with -XX:NativeMemoryTracking) and the heap's 30 largest classes by bytes after a full
     * GC, written to bench/results/slack-nmt.txt and slack-histogram.txt.
     */
    private static void whereMemoryGoes(long pid, List<String> jvmOptions) throws Exception {
        String jcmd = jcmd();
        boolean nmt = nmt(jvmOptions);
        if (nmt) {
            jcmdTo(List.of(jcmd, String.valueOf(pid), "VM.native_memory", "summary"), "bench/results/slack-nmt.txt");
        }
        jcmdTo(List.of(jcmd, String.valueOf(pid), "GC.class_histogram"), "bench/results/slack-histogram.txt");
        // Thread stacks are the other large item: count the app's threads by name, digits folded.
        jcmdTo(List.of(jcmd, String.valueOf(pid), "Thread.print"), "bench/results/slack-threads.txt");
        Map<String, Long> threads = Files.readAllLines(Path.of("bench/results/slack-threads.txt")).stream()
                .filter(l -> l.startsWith("\"")).map(l -> l.substring(1, l.indexOf('"', 1)).replaceAll("[0-9]+", "N"))
                .collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()));
        Files.write(Path.of("bench/results/slack-threads.txt"), threads.entrySet().stream()
                .map(e -> e.getValue() + "\t" + e.getKey()).toList());
        List<String> lines = Files.readAllLines(Path.of("bench/results/slack-histogram.txt"));
        Files.write(Path.of("bench/results/slack-histogram.txt"), lines.subList(0, Math.min(lines.size(), 34)));
        System.out.println("memory breakdown: bench/results/slack-histogram.txt"
                + (nmt ? ", slack-nmt.txt" : ""));
    }

    private static String jcmd() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    }

    private static boolean nmt(List<String> jvmOptions) {
        return jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:NativeMemoryTracking="));
    }

    private static void jcmdTo(List<String> command, String file) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File(file)).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private static long broadcasts(FakeSlack f) {
        return f.accepted("chat.postMessage").stream().filter(c -> c.flag("reply_broadcast")).count();
    }

    /** A slash command's form body, from a new user with a new trigger id. */
    private static String form(FakeSlack fake, String text) {
        Map<String, String> form = Map.of("token", "t", "team_id", "T0FAKE", "channel_id", "C0BENCH", "user_id",
                "U" + UUID.randomUUID().toString().substring(0, 8), "command", "/netcheck", "text", text, "response_url", fake.responseUrl("bench"),
                "trigger_id", UUID.randomUUID().toString(), "api_app_id", "A0FAKE");
        return form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** The whole signed HTTP/1.1 request, one connection each ({@code Connection: close}). */
    private static byte[] rawRequest(int port, String body) {
        long ts = System.currentTimeMillis() / 1000;
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + b.length + "\r\n"
                + "X-Slack-Request-Timestamp: " + ts + "\r\n"
                + "X-Slack-Signature: " + SlackSigner.sign(SlackTestResource.SIGNING_SECRET, ts, body) + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + b.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(b, 0, out, h.length, b.length);
        return out;
    }

    /** Returns {latency in ns, 1 accepted / 2 busy / 0 other}. */
    private static CompletableFuture<long[]> send(HttpClient http, String url, FakeSlack fake, String text) {
        String body = form(fake, text);
        long ts = System.currentTimeMillis() / 1000;
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", String.valueOf(ts))
                .header("X-Slack-Signature", SlackSigner.sign(SlackTestResource.SIGNING_SECRET, ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long t0 = System.nanoTime();
        // A failed or timed-out ack counts as "other" (lost), with the time it took to fail.
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).thenApply(r -> new long[] {
                System.nanoTime() - t0, r.statusCode() != 200 ? 0 : r.body().contains("Checking") ? 1
                : r.body().contains("busy") ? 2 : 0}).exceptionally(e -> new long[] {System.nanoTime() - t0, 0});
    }

    private static void awaitReady(HttpClient http, int port) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("app not ready; see bench/results/slack-app.log");
    }

    /** Sum of a Prometheus metric's samples whose labels contain {@code labels}, from the app's /q/metrics. */
    private static double metric(HttpClient http, int port, String name, String labels) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> l.contains(labels)).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static double metricMax(HttpClient http, int port) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(l -> l.startsWith("http_server_requests_seconds_max{"))
                .filter(l -> l.contains("uri=\"/slack/events\"")).mapToDouble(l -> Double.parseDouble(
                        l.substring(l.lastIndexOf(' ') + 1))).max().orElse(0);
    }

    private static double pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, i)) / 1e6;
    }

    private static String field(String status, String name) {
        return status.lines().filter(l -> l.startsWith(name + ":")).findFirst().orElse(name + ": ?")
                .replaceAll("\\s+", " ");
    }
}
