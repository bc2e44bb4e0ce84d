package io.netcheck.schedule;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watch throughput and failover of the packaged app on PostgreSQL (bench/replicas-bench.sh). More watches than one
 * replica can run, each hitting its 1 s timeout (an HTTP server on loopback that answers after 5 s): watch runs per
 * minute with 1 and with 3 replicas, counted in the store. Then KILLS times: SIGKILL one of the three while it runs
 * watches (the targets answering after 300 ms by then) and time the takeover (another replica removes it from
 * Quartz's cluster table and recovers its jobs) and until every watch it was running has run again; the killed one
 * is restarted before the next kill.
 *
 * <p>Arguments: WATCHES (default 90) EVERY_SECONDS (5) MEASURE_SECONDS (60) KILLS (5).
 */
public final class ReplicasBench {
    private ReplicasBench() {
    }

    public static void main(String[] args) throws Exception {
        int watches = args.length > 0 ? Integer.parseInt(args[0]) : 90;
        Duration every = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 5);
        Duration measure = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 60);
        int kills = args.length > 3 ? Integer.parseInt(args[3]) : 5;

        AtomicLong answerAfter = new AtomicLong(5000);
        HttpServer late = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        late.setExecutor(Executors.newCachedThreadPool());
        late.createContext("/", ex -> {
            try {
                Thread.sleep(answerAfter.get());
                byte[] body = "late\n".getBytes();
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException | java.io.IOException e) {
                ex.close();
            }
        });
        late.start();
        List<String> options = new ArrayList<>(List.of("-Dnetcheck.watch.tick=2s", "-Dnetcheck.watch.min-every=2s",
                "-Dnetcheck.capture.enabled=false", "-Dnetcheck.policy.builtin-deny=169.254.0.0/16"));
        for (int i = 1; i <= watches; i++) {
            String key = "-Dnetcheck.watches.b" + i;
            options.add(key + ".channel=C0BENCH" + (i % 5)); // config watches, spread over five channels
            options.add(key + ".command=http http://127.0.0.1:" + late.getAddress().getPort() + "/ --timeout 1s");
            options.add(key + ".every=" + every.toSeconds() + "s");
        }
        System.out.printf("%d watches every %d s, each run hits its 1 s timeout: %d runs/min asked for%n", watches,
                every.toSeconds(), watches * 60 / every.toSeconds());
        try (Replicas r = new Replicas("replicas-bench", 3, 18310, 55432, options)) {
            r.start(0);
            System.out.printf("1 replica:  %d watch runs/min%n", perMinute(r, measure));
            r.start(1);
            r.start(2);
            System.out.printf("3 replicas: %d watch runs/min%n", perMinute(r, measure));

            // Failover with room to spare on the two survivors: the targets answer after 300 ms now (runs are still in
            // flight when a replica dies), so "ran again" times the takeover, not a queue waiting for a free worker.
            answerAfter.set(300);
            Thread.sleep(10_000);
            List<Long> takeovers = new ArrayList<>();
            List<Long> reruns = new ArrayList<>();
            for (int k = 0; k < kills; k++) {
                int victim = k % 3;
                long pid = r.pid(victim);
                List<Long> held = new ArrayList<>();
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (held.isEmpty() && System.nanoTime() < until) {
                    held.addAll(r.executing(pid));
                }
                if (held.isEmpty()) {
                    throw new IllegalStateException("instance " + victim + " ran no watch for 30 s");
                }
                r.kill(victim);
                Instant killed = Instant.now();
                long takeover = -1;
                long rerun = -1;
                until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while ((takeover < 0 || rerun < 0) && System.nanoTime() < until) {
                    if (takeover < 0 && !r.inCluster(pid)) {
                        takeover = Duration.between(killed, Instant.now()).toMillis();
                    }
                    if (rerun < 0) {
                        rerun = ranAgain(r, held, killed);
                    }
                    Thread.sleep(50);
                }
                if (takeover < 0 || rerun < 0) {
                    throw new IllegalStateException("the jobs of killed instance " + victim + " were not taken over "
                            + "within 60 s");
                }
                takeovers.add(takeover);
                reruns.add(rerun);
                System.out.printf("kill %d: instance %d was running watches %s; taken over %d ms after SIGKILL, all "
                        + "of them ran again after %d ms%n", k + 1, victim, held, takeover, rerun);
                r.start(victim);
                Thread.sleep(5000);
            }
            System.out.printf("takeover over %d kills: %s%n", kills, stats(takeovers));
            System.out.printf("held watches running again: %s%n", stats(reruns));
        } finally {
            late.stop(0);
        }
    }

    /** Milliseconds from {@code killed} until every watch in {@code held} ran again, or -1 while one has not. */
    private static long ranAgain(Replicas r, List<Long> held, Instant killed) throws Exception {
        long worst = 0;
        for (long id : held) {
            Instant again = r.firstRunAfter(id, killed);
            if (again == null) {
                return -1;
            }
            worst = Math.max(worst, Duration.between(killed, again).toMillis());
        }
        return worst;
    }

    private static String stats(List<Long> ms) {
        List<Long> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        return String.format("median %d ms, worst %d ms (all: %s)", sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1), ms);
    }

    /** Runs started per minute over {@code measure}, after 15 s for the replicas to settle. */
    private static long perMinute(Replicas r, Duration measure) throws Exception {
        Thread.sleep(15_000);
        Instant from = Instant.now();
        Thread.sleep(measure.toMillis());
        int runs = r.runsBetween(from, from.plus(measure));
        return Math.round(runs * 60.0 / measure.toSeconds());
    }
}
