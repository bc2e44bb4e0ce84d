package io.netcheck.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.checklist.HostPort;
import io.netcheck.checklist.ServiceRef;
import io.netcheck.checklist.VipCheckRequest;
import io.netcheck.checklist.Via;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceTargetsParserTest {
    private final CommandParser parser = new CommandParser(Limits.DEFAULTS);

    private VipCheckRequest vip(String line) throws UsageException {
        return assertInstanceOf(Command.Vip.class, parser.parse(List.of(line.split(" ")))).request();
    }

    @Test
    void aServiceVipAlsoGivesThePool() throws UsageException {
        VipCheckRequest r = vip("vip svc/web.shop:http --timeout 2s");
        assertEquals(new ServiceRef("web", "shop", "http"), r.cluster().vipService());
        assertEquals(r.cluster().vipService(), r.cluster().backendsService());
        assertEquals(Via.CLUSTERIP, r.cluster().via());
        assertTrue(r.backends().isEmpty());
        assertNull(r.cluster().view(), "read when the check runs, not when it is parsed");
    }

    @Test
    void servicesWithoutNamespaceOrPortAndTheVia() throws UsageException {
        VipCheckRequest r = vip("vip svc/web --via loadbalancer");
        assertEquals(new ServiceRef("web", null, null), r.cluster().vipService());
        assertEquals(Via.LOADBALANCER, r.cluster().via());
        assertEquals(Via.NODEPORT, vip("vip svc/web.shop:8080 --via nodeport").cluster().via());
        assertEquals("8080", vip("vip svc/web.shop:8080").cluster().vipService().port());
    }

    @Test
    void typedVipWithAServicePoolAndServiceVipWithTypedBackends() throws UsageException {
        VipCheckRequest pool = vip("vip 198.51.100.10:80 --backends svc/web.shop");
        assertEquals(new HostPort("198.51.100.10", 80), pool.vip());
        assertNull(pool.cluster().vipService());
        assertEquals(new ServiceRef("web", "shop", null), pool.cluster().backendsService());

        VipCheckRequest typed = vip("vip svc/web.shop --backends 203.0.113.1:80");
        assertNull(typed.cluster().backendsService(), "typed backends win over the Service's endpoints");
        assertEquals(List.of(new HostPort("203.0.113.1", 80)), typed.backends());
    }

    @Test
    void aHostPortVipHasNoClusterPart() throws UsageException {
        assertNull(vip("vip 198.51.100.10:80").cluster());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "vip svc/ | is not a Service name",
            "vip svc/Web.shop | 'Web' is not a Service name",
            "vip svc/web.shop: | nothing after ':'",
            "vip svc/web.shop:0 | port 0 is not a TCP port",
            "vip svc/web.shop:99999 | is not a TCP port",
            "vip svc/web.sh_op | 'sh_op' is not a namespace name",
            "vip svc/web:http_x | 'http_x' is not a port number or a Service port name",
            "vip svc/web --via ingress | --via 'ingress': give clusterip, loadbalancer or nodeport",
            "vip 198.51.100.10:80 --via nodeport | --via chooses which address of a Service is the VIP",
            "vip 198.51.100.10:80 --backends svc/web,203.0.113.1:80 | either one svc/NAME",
    })
    void badServiceWordsGetASpecificMessage(String line, String expected) {
        UsageException e = assertThrows(UsageException.class, () -> parser.parse(List.of(line.trim().split(" "))));
        assertTrue(e.getMessage().contains(expected.trim()), e.getMessage());
    }

    @Test
    void theUsageShowsTheSyntax() {
        assertTrue(CommandParser.helpFor("vip").contains("vip svc/NAME[.NAMESPACE][:PORT] [--via clusterip|loadbalancer|nodeport]"));
    }
}
