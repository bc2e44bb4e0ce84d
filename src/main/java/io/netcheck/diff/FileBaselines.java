package io.netcheck.diff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The CLI's baselines: one report JSON per target in a directory (the CLI has no store), named by a digest of
 * the target, at most {@link #KEPT} files (the oldest go).
 */
public final class FileBaselines implements Baselines {
    static final int KEPT = 500;
    private static final Logger LOG = Logger.getLogger(FileBaselines.class);
    private final Path dir;

    public FileBaselines(Path dir) {
        this.dir = dir;
    }

    @Override
    public Optional<Baseline> last(String target) {
        Path file = file(target);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Optional.of(new Baseline(Files.getLastModifiedTime(file).toInstant(),
                    Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            LOG.warnf("cannot read %s: %s", file, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void keep(String target, Baseline baseline) {
        Path file = file(target);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".report", ".tmp");
            Files.writeString(tmp, baseline.json(), StandardCharsets.UTF_8);
            Files.setLastModifiedTime(tmp, FileTime.from(baseline.at()));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            trim();
        } catch (IOException e) {
            LOG.warnf("cannot keep the healthy report of %s in %s: %s", target, dir, e.getMessage());
        }
    }

    private void trim() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
        }
        if (files.size() <= KEPT) {
            return;
        }
        files = files.stream().sorted(Comparator.comparing(FileBaselines::modified).reversed()).toList();
        for (Path old : files.subList(Math.min(KEPT, files.size()), files.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    Path file(String target) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(target.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(d, 0, 16) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
