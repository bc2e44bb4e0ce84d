package io.netcheck.command;

import io.netcheck.kind.CheckKinds;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random and hostile command lines: the parser must always end in a valid command or a
 * specific UsageException — never another exception, never an empty message.
 */
class CommandParserFuzzTest {
    private static final String[] PIECES = {"vip", "tcp", "dns", "http", "tls", "ping", "trace", "listen", "listeners",
            "help", "--backends", "--tls", "--sni", "--path", "--timeout", "--json", "--no-capture", "--pcap",
            "--plain-backends", "--count", "--for", "--max-hops", "--expect", "--insecure", "--warn-days",
            "10.0.0.5:443", "[2001:db8::1]:80", "2001:db8::1:80", "[::ffff:10.0.0.1]:1", "[fe80::1%eth0]:22",
            "host.example:65535", "host:0", "host:65536", "host:-1", "host:99999999999", "a..b:1", ":80", "[]:80",
            "10.0.0.256:1", "0x7f.1:80", "3s", "0ms", "1.5s", "999999999m", "/x", "/a b", "x", "/\r\nHost: evil",
            "http://10.0.0.5/", "https://[2001:db8::1]:8443/x?y=z", "ftp://x", "http://", "@10.0.0.53", "@", "A",
            "AAAA", "PTR", "MX", "%00", "${jndi:ldap://x/a}", "'; DROP TABLE x;--", "\u202e", "\u00e9t\u00e9.example:80",
            "xn--bcher-kva.example:443", "=", "--timeout=", "--backends=,", "--backends=a:1,,b:2", "-h", "--help",
            "watch", "add", "list", "remove", "--every", "--every=", "1m", "0s", "25h", "--name", "a/b", "summary",
            "schedule", "off", "0 9 * * MON-FRI", "*/1 * * * *", "0 0 9 * * MON-FRI", "61 25 32 13 8", "* * * * * * *",
            "@daily"};

    private final CommandParser parser = CheckKinds.parser(Limits.DEFAULTS);

    @Test
    void randomAndHostileInputNeverEscapesAsAnotherException() {
        Random random = new Random(20261122L);
        int valid = 0;
        for (int i = 0; i < 20_000; i++) {
            List<String> words = new ArrayList<>();
            int n = random.nextInt(7);
            for (int j = 0; j < n; j++) {
                words.add(random.nextInt(10) == 0 ? randomString(random) : PIECES[random.nextInt(PIECES.length)]);
            }
            try {
                assertNotNull(parser.parse(words));
                valid++;
            } catch (UsageException e) {
                assertNotNull(e.getMessage());
                assertFalse(e.getMessage().isBlank(), () -> "empty message for " + words);
                assertFalse(e.getMessage().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0),
                        () -> "control characters echoed back for " + words + ": " + e.getMessage());
            } catch (RuntimeException e) {
                fail("input " + words + " escaped as " + e, e);
            }
        }
        assertFalse(valid == 0, "some inputs should be valid commands");
    }

    @Test
    void hugeInputIsRefusedQuickly() {
        List<String> words = List.of("vip", "a".repeat(1_000_000) + ":80");
        try {
            parser.parse(words);
            fail("a megabyte host name parsed");
        } catch (UsageException e) {
            assertFalse(e.getMessage().length() > 400, "the message does not echo the whole input");
        }
    }

    private static String randomString(Random random) {
        StringBuilder sb = new StringBuilder();
        int len = random.nextInt(40);
        for (int i = 0; i < len; i++) {
            sb.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x10000) : 32 + random.nextInt(95));
        }
        return sb.toString();
    }
}
