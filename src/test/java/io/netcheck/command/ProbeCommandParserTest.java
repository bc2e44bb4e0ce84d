package io.netcheck.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.check.TcpRequest;
import io.netcheck.checklist.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The single-probe commands, through the same parser the CLI and Slack use. */
class ProbeCommandParserTest {
    private final CommandParser parser = new CommandParser(Limits.DEFAULTS);

    Command parse(String line) throws UsageException {
        return parser.parse(List.of(line.split(" ")));
    }

    String error(String line) {
        UsageException e = assertThrows(UsageException.class, () -> parse(line));
        assertFalse(e.usage().isBlank());
        assertTrue(e.usage().startsWith("usage: " + line.split(" ")[0]), e.usage());
        return e.getMessage();
    }

    @Test
    void tcpWithDefaultsAndOptions() throws UsageException {
        Command.Tcp c = assertInstanceOf(Command.Tcp.class, parse("tcp db.internal:5432"));
        assertEquals(new TcpRequest(new HostPort("db.internal", 5432), Duration.ofSeconds(3), true, null), c.request());
        assertFalse(c.json());
        Command.Tcp all = assertInstanceOf(Command.Tcp.class,
                parse("tcp [2001:db8::5]:443 --timeout=500ms --json --no-capture --pcap /tmp/t.pcap"));
        assertEquals(new TcpRequest(new HostPort("2001:db8::5", 443), Duration.ofMillis(500), false,
                Path.of("/tmp/t.pcap")), all.request());
        assertTrue(all.json());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tcp|which target? give HOST:PORT",
            "tcp 10.0.0.5|missing port",
            "tcp 10.0.0.5:99999|out of range",
            "tcp 10.0.0.5:80 10.0.0.6:80|unexpected '10.0.0.6:80': only one target",
            "tcp 10.0.0.5:80 --timeout|option --timeout needs a value",
            "tcp 10.0.0.5:80 --timeout 2h|is not a duration",
            "tcp 10.0.0.5:80 --timeout 90s|out of range",
            "tcp 10.0.0.5:80 --tls|unknown option '--tls'",
            "tcp 10.0.0.5:80 --json --json|given twice",
            "tcp 10.0.0.5:80 --json=yes|takes no value",
    })
    void tcpMistakesAreNamed(String line, String expected) {
        String message = error(line);
        assertTrue(message.contains(expected), message);
    }

    @Test
    void helpForEachCommand() throws UsageException {
        assertEquals(new Command.Help("tcp"), parse("tcp --help"));
        assertEquals(new Command.Help("tcp"), parse("help tcp"));
        assertTrue(ProbeCommandParser.usage("tcp").startsWith("usage: tcp HOST:PORT"));
        assertTrue(CommandParser.USAGE.contains("tcp HOST:PORT"));
    }
}
