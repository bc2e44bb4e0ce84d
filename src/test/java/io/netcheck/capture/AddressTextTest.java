package io.netcheck.capture;

import static io.netcheck.capture.Frames.addr;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AddressTextTest {
    @ParameterizedTest
    @CsvSource({
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", // equal runs: the first one is compressed
            "2001:db8:0:0:0:0:0:0, 2001:db8::",
            "0:0:0:0:0:0:0:1, ::1",
            "0:0:0:0:0:0:0:0, ::",
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1", // the longer run wins
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", // a single zero group stays
            "2001:0DB8:00AA:0000:0000:0000:0000:0001, 2001:db8:aa::1",
            "fe80:0:0:0:200:5eff:fe00:5301, fe80::200:5eff:fe00:5301",
            "1:0:0:2:0:0:0:0, 1:0:0:2::",
            "0:0:1:0:0:0:0:0, 0:0:1::",
            "0:0:0:0:0:0:c000:201, ::192.0.2.1", // IPv4-compatible, as tcpdump prints it
    })
    void shortestForm(String full, String expected) {
        assertEquals(expected, AddressText.of(addr(full)));
    }

    @Test
    void ipv4MappedStaysIpv6InsideIpv6Packets() {
        // Java turns ::ffff:a.b.c.d into an Inet4Address; in an IPv6 header tcpdump still prints it as IPv6.
        assertEquals("::ffff:192.0.2.1", AddressText.of(addr("::ffff:192.0.2.1"), 6));
        assertEquals("192.0.2.1", AddressText.of(addr("::ffff:192.0.2.1"), 4));
        assertEquals("192.0.2.1", AddressText.of(addr("192.0.2.1")));
    }
}
