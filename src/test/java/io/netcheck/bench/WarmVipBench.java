package io.netcheck.bench;

import io.netcheck.capture.Pcap4jCapture;
import io.netcheck.check.ChecklistSettings;
import io.netcheck.check.HostPort;
import io.netcheck.check.VipCheckRequest;
import io.netcheck.check.VipChecklist;
import io.netcheck.check.VipEvidence;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.dns.DnsjavaResolver;
import io.netcheck.verdict.TeamDirectory;
import io.netcheck.verdict.VerdictEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Time to verdict in a warm process, as the Slack bot sees it (the CLI pays JVM start-up and JIT warm-up
 * on every run). Run by bench/vip-bench.sh inside the lab's client namespace:
 * {@code WarmVipBench VIP:PORT BACKENDS TIMEOUT_MS WARMUP RUNS}. Prints one line: the cause and the
 * per-run times in ms.
 */
public final class WarmVipBench {
    public static void main(String[] args) throws Exception {
        HostPort vip = parse(args[0]);
        List<HostPort> backends = args[1].isEmpty() ? List.of()
                : Arrays.stream(args[1].split(",")).map(WarmVipBench::parse).toList();
        Duration timeout = Duration.ofMillis(Long.parseLong(args[2]));
        int warmup = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        try (ProbeRunner runner = new ProbeRunner(128, Clock.systemUTC())) {
            VipChecklist checklist = new VipChecklist(new DnsjavaResolver(), new Pcap4jCapture(false), runner,
                    Clock.systemUTC(), new ChecklistSettings(128, Duration.ofMillis(150), Path.of("/tmp")));
            VerdictEngine verdicts = new VerdictEngine(TeamDirectory.defaults());
            VipCheckRequest request = new VipCheckRequest(vip, backends, false, true, null, "/", timeout, true,
                    Path.of("/tmp/netcheck-warm-bench.pcap"));
            String cause = "";
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < warmup + runs; i++) {
                long t0 = System.nanoTime();
                VipEvidence evidence = checklist.run(request);
                cause = verdicts.decide(evidence).cause().name();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (i >= warmup) {
                    times.add(ms);
                }
            }
            System.out.println(cause + " " + times.stream().map(String::valueOf).reduce((a, b) -> a + " " + b)
                    .orElse(""));
        }
    }

    private static HostPort parse(String s) {
        int colon = s.lastIndexOf(':');
        return new HostPort(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
    }
}
