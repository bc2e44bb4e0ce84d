package io.netcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.api.ApiTokensProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --compare} with {@code --server}: the CLI passes it through and the server compares with the last healthy
 * result it keeps (its store), as Slack does. A port that answered, then stops: the second run says what changed.
 */
@QuarkusTest
@TestProfile(ApiTokensProfile.class)
class ServerCompareTest {
    @Inject
    Cli cli;

    @TestHTTPResource("/")
    URL base;

    record Run(int status, String out, String err) {
    }

    Run run(String token, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = cli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), token);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void compareRunsOnTheServerWithItsHistory() throws Exception {
        String server = base.toString();
        String target;
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            target = "127.0.0.1:" + open.getLocalPort();
            Run healthy = run(ApiTokensProfile.ONCALL, "tcp", target, "--compare", "--server", server);
            assertEquals(Cli.HEALTHY, healthy.status(), healthy.out() + healthy.err());
            assertTrue(healthy.out().contains("kept as the result later runs of " + target), healthy.out());
        }
        // Nothing listens now: refused. The server compares with the healthy run it kept.
        Run broken = run(ApiTokensProfile.ONCALL, "tcp", target, "--compare", "--server", server, "--json");
        assertEquals(Cli.FAULT, broken.status(), broken.out() + broken.err());
        assertTrue(broken.out().contains("\"since-last-worked\""), broken.out());
        assertFalse(broken.out().contains("NO_BASELINE"), broken.out());
        // Without --compare nothing is compared.
        Run plain = run(ApiTokensProfile.ONCALL, "tcp", target, "--server", server, "--json");
        assertFalse(plain.out().contains("\"since-last-worked\""), plain.out());
    }

    @Test
    void aTokenNotAllowedTheCommandExitsTwoWithTheServersReason() {
        Run r = run(ApiTokensProfile.CI, "dns", "example.test", "--server", base.toString());
        assertEquals(Cli.USAGE, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("answered 403: token 'ci' may not run 'dns'"), r.err());
    }
}
