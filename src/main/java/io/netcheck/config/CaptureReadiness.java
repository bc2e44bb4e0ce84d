package io.netcheck.config;

import io.netcheck.probe.Ticker;
import jakarta.inject.Inject;
import io.netcheck.capture.Pcap4jCapture;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says whether packet capture works here (libpcap present, CAP_NET_RAW held). Always UP: checks run and
 * report without capture, so a missing privilege must not take the bot out of service — but the operator
 * sees it in /q/health/ready.
 */
@Readiness
@ApplicationScoped
public class CaptureReadiness implements HealthCheck {
    private static final Duration CACHE = Duration.ofSeconds(60);
    private volatile String problem;
    private volatile long checkedAt;
    private volatile boolean checked;
    @Inject
    Ticker ticker;

    @Override
    public HealthCheckResponse call() {
        long now = ticker.nanos();
        if (!checked || now - checkedAt > CACHE.toNanos()) {
            problem = Pcap4jCapture.availability();
            checkedAt = now;
            checked = true;
        }
        var response = HealthCheckResponse.named("packet-capture").up().withData("available", problem == null);
        if (problem != null) {
            response.withData("problem", problem);
        }
        return response.build();
    }
}
