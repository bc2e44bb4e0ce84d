package io.netcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPolicyTest {
    static List<TargetPolicy.Cidr> cidrs(String list) {
        return Arrays.stream(list.split(",")).map(TargetPolicy.Cidr::parse).toList();
    }

    final TargetPolicy defaults = new TargetPolicy(List.of(), cidrs(TargetPolicy.DEFAULT_DENY), List.of(), List.of(),
            "netcheck.policy");

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "fd00:ec2::254", "100.100.100.200", "127.0.0.1", "127.1.2.3", "::1",
            "fe80::1", "0.0.0.0", "224.0.0.251", "ff02::1", "255.255.255.255"})
    void metadataLoopbackAndMulticastAreDeniedByDefault(String address) throws Exception {
        String why = defaults.refusal(ip(address), 80);
        assertTrue(why != null && why.contains("(netcheck.policy.builtin-deny)"), address + ": " + why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.5", "172.16.3.4", "192.168.1.1", "198.51.100.7", "2001:db8::5", "169.253.255.255"})
    void privateAndOrdinaryAddressesAreAllowedByDefault(String address) throws Exception {
        assertNull(defaults.refusal(ip(address), 443));
    }

    @Test
    void refusalNamesTheAddressTheBlockAndTheSetting() throws Exception {
        assertEquals("169.254.169.254 is in 169.254.0.0/16 (netcheck.policy.builtin-deny)",
                defaults.refusal(ip("169.254.169.254"), 80));
    }

    @Test
    void allowListAndPortsNarrowIt() throws Exception {
        TargetPolicy p = new TargetPolicy(cidrs("10.0.0.0/8,2001:db8::/32"), cidrs("10.9.0.0/16"),
                TargetPolicy.ports(List.of("80,443,8000-8999")), TargetPolicy.ports(List.of("8443")), "netcheck.policy");
        assertNull(p.refusal(ip("10.1.2.3"), 443));
        assertNull(p.refusal(ip("2001:db8::1"), 8080));
        assertTrue(p.refusal(ip("10.9.0.1"), 443).contains("deny-cidrs"));
        assertTrue(p.refusal(ip("192.168.0.1"), 443).contains("is outside 10.0.0.0/8, 2001:db8::/32"));
        assertEquals("port 22 is not allowed (netcheck.policy.allow-ports)", p.refusal(ip("10.1.2.3"), 22));
        assertEquals("port 8443 is denied (netcheck.policy.deny-ports)", p.refusal(ip("10.1.2.3"), 8443));
        assertNull(p.refusal(ip("10.1.2.3"), -1), "ICMP probes have no port");
    }

    @Test
    void badRulesAreRejectedAtStartUp() {
        assertThrows(IllegalArgumentException.class, () -> TargetPolicy.Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> TargetPolicy.Cidr.parse("example.com/8"));
        assertThrows(IllegalArgumentException.class, () -> TargetPolicy.ports(List.of("0-10")));
    }

    @Test
    void familiesDoNotMatchEachOther() throws Exception {
        assertNull(new TargetPolicy(List.of(), cidrs("0.0.0.0/0"), List.of(), List.of(), "x").refusal(ip("2001:db8::1"), 1));
    }
}
