package io.netcheck.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real tcpdump on a pcap file: the reference our formatter must match byte for byte. */
final class Tcpdump {
    private Tcpdump() {
    }

    static List<String> read(Path pcap) throws Exception {
        Path exe = findOnPath();
        Path stderr = Files.createTempFile("tcpdump", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(exe.toString(), "-nn", "-r", pcap.toString())
                    .redirectError(stderr.toFile());
            pb.environment().put("TZ", "UTC");
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("tcpdump did not finish within 60s");
            }
            assertEquals(0, p.exitValue(), () -> "tcpdump failed: " + readQuietly(stderr));
            return new String(out, StandardCharsets.ISO_8859_1).lines().toList();
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private static Path findOnPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "tcpdump");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("tcpdump is not on PATH, so our output cannot be checked against it: "
                + "run scripts/install-deps.sh (as root) to install it");
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (Exception e) {
            return "(no stderr: " + e + ")";
        }
    }
}
