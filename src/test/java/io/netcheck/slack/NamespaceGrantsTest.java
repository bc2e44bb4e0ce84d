package io.netcheck.slack;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.command.Command;
import io.netcheck.command.CommandParser;
import io.netcheck.command.Limits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceGrantsTest {
    private final CommandParser parser = new CommandParser(Limits.DEFAULTS);
    private final NamespaceGrants grants = new NamespaceGrants(Map.of("C1", List.of("shop", "web"), "C2", List.of("*"),
            "*", List.of("public")));

    private Command parse(String line) throws Exception {
        return parser.parse(List.of(line.split(" ")));
    }

    @Test
    void aChannelReadsOnlyItsNamespaces() throws Exception {
        assertNull(grants.refusal(parse("vip svc/web.shop"), "C1"));
        assertNull(grants.refusal(parse("vip 198.51.100.10:80 --backends svc/api.web"), "C1"));
        assertNull(grants.refusal(parse("vip svc/anything.kube-system"), "C2"));
        assertNull(grants.refusal(parse("vip svc/site.public"), "C9"), "* grants every channel");
        String refused = grants.refusal(parse("vip svc/db.payments"), "C1");
        assertTrue(refused.contains("may not read Services in namespace payments")
                && refused.contains("netcheck.kubernetes.channel-namespaces.C1=payments"), refused);
        assertTrue(grants.refusal(parse("vip svc/web.shop --backends svc/db.payments"), "C1").contains("payments"));
    }

    @Test
    void closedByDefaultAndTheNamespaceMustBeNamed() throws Exception {
        NamespaceGrants none = new NamespaceGrants(Map.of());
        assertTrue(none.refusal(parse("vip svc/web.shop"), "C1").contains("may not read Services in namespace shop"));
        assertTrue(grants.refusal(parse("vip svc/web"), "C1").startsWith("name the namespace in Slack: svc/web.NAMESPACE"));
        assertNull(none.refusal(parse("vip 198.51.100.10:80"), "C1"), "no svc/ target, nothing to grant");
        assertNull(none.refusal(parse("tcp 198.51.100.10:80"), "C1"));
    }
}
