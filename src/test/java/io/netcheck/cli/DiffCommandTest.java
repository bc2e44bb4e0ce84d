package io.netcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netcheck.command.CommandParser;
import io.netcheck.command.Limits;
import io.netcheck.verdict.ReportFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netcheck diff A.json B.json} on real report files, good and bad. */
class DiffCommandTest {
    @TempDir
    Path dir;
    final Cli cli = new Cli(new CommandParser(Limits.DEFAULTS), null, Clock.systemUTC());

    String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = cli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[]{String.valueOf(code), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8)};
    }

    Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void twoReportsOfOneTarget() throws Exception {
        Path a = file("a.json", ReportFixtures.json(ReportFixtures.vipHealthyTls()));
        Path b = file("b.json", ReportFixtures.json(ReportFixtures.vipExpiredCertificate()));
        String[] r = run("diff", a.toString(), b.toString());
        assertEquals(String.valueOf(Cli.FAULT), r[0], r[2]);
        assertTrue(r[1].contains("changed (1), first suspect first:\n  - the certificate of 203.0.113.10:443 changed: "
                + "valid until 2026-11-01T00:00:00Z, was 2027-02-01T00:00:00Z"), r[1]);
        assertTrue(r[1].contains("after:  vip 203.0.113.10:443 --backends"), r[1]);
        String[] same = run("diff", a.toString(), a.toString());
        assertEquals(String.valueOf(Cli.HEALTHY), same[0]);
        assertTrue(same[1].contains("nothing compared changed"), same[1]);
    }

    @Test
    void badFilesGetAClearMessageAndExit2() throws Exception {
        Path good = file("good.json", ReportFixtures.json(ReportFixtures.vipHealthyTls()));
        Path tcp = file("tcp.json", ReportFixtures.json(ReportFixtures.all().get("tcp-refused")));
        ObjectNode old = (ObjectNode) new ObjectMapper().readTree(Files.readString(good));
        old.remove("schemaVersion");
        Path unversioned = file("old.json", old.toString());
        Path broken = file("broken.json", "{\"command\": \"vip\",\n  oops");
        Path other = file("other.json", "{\"hello\": 1}");
        expectUsage(run("diff", good.toString()), "two report files, the earlier first");
        expectUsage(run("diff", good.toString(), dir.resolve("missing.json").toString()), "missing.json: no such file");
        expectUsage(run("diff", broken.toString(), good.toString()), "broken.json is not JSON");
        expectUsage(run("diff", good.toString(), other.toString()), "other.json is not a netcheck report");
        expectUsage(run("diff", unversioned.toString(), good.toString()), "old.json has no schemaVersion");
        expectUsage(run("diff", good.toString(), tcp.toString()),
                "is a vip report and " + tcp + " a tcp report: only reports of the same kind compare");
    }

    static void expectUsage(String[] r, String message) {
        assertEquals(String.valueOf(Cli.USAGE), r[0], r[1]);
        assertTrue(r[2].startsWith("netcheck diff: "), r[2]);
        assertTrue(r[2].contains(message), r[2]);
        assertTrue(!r[2].contains("Exception") && !r[2].contains("\tat "), "no stack trace: " + r[2]);
    }
}
