package io.netcheck.slack;

import io.netcheck.kind.CheckKinds;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netcheck.check.HostPort;
import io.netcheck.command.CommandParser;
import io.netcheck.command.Limits;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a check sends packets, as typed: what Slack checks for IP literals before the ack. */
class CommandTargetsTest {
    private final CommandParser parser = CheckKinds.parser(Limits.DEFAULTS);

    @Test
    void icmpChecksNameTheirHostWithoutAPort() throws Exception {
        assertEquals(List.of(new HostPort("203.0.113.10", -1)),
                CommandTargets.targets(parser.parse(List.of("mtu", "203.0.113.10"))));
        assertEquals(List.of(new HostPort("10.0.0.5", -1)),
                CommandTargets.targets(parser.parse(List.of("ping", "10.0.0.5"))));
        assertEquals("mtu", CommandTargets.verb("mtu 203.0.113.10 --timeout 2s"));
    }
}
