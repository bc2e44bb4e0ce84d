package io.netcheck.slack;

import io.netcheck.probe.Deadline;
import io.netcheck.probe.dns.NameResolver;
import io.netcheck.probe.dns.Resolution;
import io.netcheck.probe.dns.ResolutionStatus;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * The resolver of every @QuarkusTest: "localhost" is 127.0.0.1, every other name does not exist. Tests never
 * ask the machine's DNS server (whose answers differ between machines and which is outside the sandbox).
 */
@Singleton
public class TestNames implements NameResolver {
    @Override
    public Resolution resolve(String name, Deadline deadline) {
        if (name.equalsIgnoreCase("localhost")) {
            return new Resolution(name, ResolutionStatus.RESOLVED, List.of(InetAddress.getLoopbackAddress()),
                    List.of("localhost. 0 IN A 127.0.0.1"), List.of("test-names"), Duration.ZERO, null);
        }
        return new Resolution(name, ResolutionStatus.NXDOMAIN, List.of(), List.of(), List.of("test-names"),
                Duration.ZERO, "the name does not exist (NXDOMAIN)");
    }
}
