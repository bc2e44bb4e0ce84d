package io.netcheck.probe.dns;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * @param answers   the address records with their TTLs, e.g. {@code vip.example. 300 IN A 10.0.0.5}
 * @param servers   the resolvers that were asked
 */
public record Resolution(String name, ResolutionStatus status, List<InetAddress> addresses, List<String> answers,
                         List<String> servers, Duration elapsed, String error) {
    public Resolution {
        addresses = List.copyOf(addresses);
        answers = List.copyOf(answers);
        servers = List.copyOf(servers);
    }

    public static Resolution literal(String name, InetAddress address) {
        return new Resolution(name, ResolutionStatus.LITERAL, List.of(address), List.of(), List.of(), Duration.ZERO,
                null);
    }
}
