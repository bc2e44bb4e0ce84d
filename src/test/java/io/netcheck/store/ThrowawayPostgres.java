package io.netcheck.store;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of its own for a test: {@code initdb} into a temporary directory, {@code pg_ctl start} on a
 * free loopback port (Unix socket in the same directory), one database owned by one user with a password.
 *
 * <p>As root (CI), the server runs as the {@code postgres} user through {@code runuser} (PostgreSQL refuses to
 * run as root); otherwise as the current user. It is stopped with {@code pg_ctl stop}, or failing that by
 * signalling the postmaster whose PID it wrote — never by process name — and the directory is deleted, by
 * {@link #close()} or, should that never run, a shutdown hook. Fails (never skips) when PostgreSQL is not
 * installed: {@code scripts/install-deps.sh} installs it.
 */
public final class ThrowawayPostgres implements AutoCloseable {

    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(180);
    private static final String SUPERUSER = "postgres";

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final Path socketDir;
    private final Path log;
    private final int port;
    private final List<String> asServerUser;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long postmasterPid = -1;

    private ThrowawayPostgres(Path bin, Path dir, int port, List<String> asServerUser) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.socketDir = dir.resolve("socket");
        this.log = dir.resolve("server.log");
        this.port = port;
        this.asServerUser = asServerUser;
        this.shutdownHook = new Thread(this::closeQuietly, "throwaway-postgres-" + port);
    }

    /** Starts a server with database {@code database} owned by {@code user}, who logs in with {@code password}. */
    static ThrowawayPostgres start(String database, String user, String password) throws IOException {
        return start(database, user, password, freeLoopbackPort());
    }

    /** The same on a port of the caller's choosing (tests that share a machine keep to their own port range). */
    public static ThrowawayPostgres start(String database, String user, String password, int port) throws IOException {
        Path bin = binaries();
        List<String> asServerUser = new ArrayList<>();
        UserPrincipal serverUser = null;
        if (isRoot()) {
            Path runuser = Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser")
                    .map(Path::of).filter(Files::isExecutable).findFirst()
                    .orElseThrow(() -> new IllegalStateException("runuser (util-linux) not found: needed to run "
                            + "PostgreSQL as the postgres user, since it refuses to run as root"));
            try {
                serverUser = Path.of("/").getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName(SUPERUSER);
            } catch (UserPrincipalNotFoundException e) {
                throw new IllegalStateException("running as root but there is no 'postgres' user to run PostgreSQL "
                        + "as (the Debian postgresql package creates it): run scripts/install-deps.sh", e);
            }
            asServerUser.addAll(List.of(runuser.toString(), "-u", SUPERUSER, "--"));
        }
        Path dir = Files.createTempDirectory("netcheck-pg-");
        ThrowawayPostgres pg = new ThrowawayPostgres(bin, dir, port, asServerUser);
        Runtime.getRuntime().addShutdownHook(pg.shutdownHook);
        try {
            Files.createDirectory(pg.socketDir);
            if (serverUser != null) {
                Files.setOwner(dir, serverUser);
                Files.setOwner(pg.socketDir, serverUser);
            }
            pg.initdb();
            pg.start();
            pg.psql("CREATE ROLE \"" + user + "\" LOGIN PASSWORD '" + password.replace("'", "''") + "'",
                    "CREATE DATABASE \"" + database + "\" OWNER \"" + user + "\"");
            return pg;
        } catch (IOException | RuntimeException | Error e) {
            try {
                pg.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} with the server tools, else the PATH. */
    static Path binaries() {
        List<Path> candidates = new ArrayList<>();
        if (Files.isDirectory(DEBIAN_ROOT)) {
            try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
                versions.map(v -> v.resolve("bin")).filter(ThrowawayPostgres::hasServerTools)
                        .sorted(Comparator.comparing(ThrowawayPostgres::majorVersion).reversed())
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + DEBIAN_ROOT, e);
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            Arrays.stream(path.split(File.pathSeparator)).filter(d -> !d.isEmpty()).map(Path::of)
                    .filter(ThrowawayPostgres::hasServerTools).forEach(candidates::add);
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl, postgres, psql) not found in "
                    + DEBIAN_ROOT + "/*/bin or on the PATH: run scripts/install-deps.sh (installs the Debian "
                    + "'postgresql' package); this test fails rather than skips without them");
        }
        return candidates.get(0);
    }

    private static boolean hasServerTools(Path dir) {
        return Stream.of("initdb", "pg_ctl", "postgres", "psql").allMatch(t -> Files.isExecutable(dir.resolve(t)));
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    Path binDir() {
        return bin;
    }

    /** Starts the server (again, after {@link #stop()}): pg_ctl waits until it accepts connections. */
    void start() {
        run(STEP_TIMEOUT, "start PostgreSQL", cmd("pg_ctl", "-D", data.toString(), "-l", log.toString(), "-w",
                "-t", Long.toString(STEP_TIMEOUT.minusSeconds(30).toSeconds()), "start"));
        postmasterPid = readPostmasterPid().orElseThrow(
                () -> new IllegalStateException("PostgreSQL started but wrote no PID to " + data.resolve("postmaster.pid")));
    }

    /** Fast shutdown: the server disconnects its clients and exits; pg_ctl waits for it. */
    void stop() {
        run(STEP_TIMEOUT, "stop PostgreSQL", cmd("pg_ctl", "-D", data.toString(), "-m", "fast", "-w",
                "-t", Long.toString(STEP_TIMEOUT.minusSeconds(30).toSeconds()), "stop"));
        postmasterPid = -1;
    }

    /** Stops the server if it runs and deletes its directory; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException ignored) {
            // already shutting down, or never registered
        }
        RuntimeException failure = null;
        try {
            stopIfRunning();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            deleteTree(dir);
        } catch (IOException | UncheckedIOException e) {
            RuntimeException deleting = new IllegalStateException("cannot delete " + dir, e);
            if (failure == null) {
                failure = deleting;
            } else {
                failure.addSuppressed(deleting);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("[ThrowawayPostgres] cleanup of " + dir + " failed: " + e);
        }
    }

    private void stopIfRunning() {
        Optional<Long> pid = readPostmasterPid();
        if (pid.isEmpty() && postmasterPid < 0) {
            return; // never started, or stopped
        }
        try {
            stop();
            return;
        } catch (RuntimeException e) {
            // pg_ctl could not stop it: signal the postmaster we started, by its PID.
            long target = pid.orElse(postmasterPid);
            Optional<ProcessHandle> handle = ProcessHandle.of(target)
                    .filter(h -> h.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
            if (handle.isEmpty()) {
                throw e;
            }
            handle.get().destroy(); // SIGTERM: smart shutdown
            try {
                handle.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                handle.get().destroyForcibly();
            }
            postmasterPid = -1;
        }
    }

    private Optional<Long> readPostmasterPid() {
        Path pidFile = data.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void initdb() throws IOException {
        run(STEP_TIMEOUT, "initdb", cmd("initdb", "-D", data.toString(), "-U", SUPERUSER, "-E", "UTF8",
                "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync", "--no-instructions"));
        // Loopback only, the socket in our directory (not /var/run/postgresql), small and fast: data is throwaway.
        String settings = String.join("\n", "",
                "# ThrowawayPostgres",
                "listen_addresses = '127.0.0.1'",
                "port = " + port,
                "unix_socket_directories = '" + socketDir + "'",
                "max_connections = 100", // three replicas' pools (ReplicasIT) and the test's own
                "shared_buffers = 16MB",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "logging_collector = off",
                "");
        Files.writeString(data.resolve("postgresql.conf"), settings, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /**
     * Runs SQL as the superuser over the Unix socket (trusted there), one statement per line, each in its own
     * transaction. The SQL goes in on standard input, so no password shows on a command line.
     */
    private void psql(String... statements) throws IOException {
        Path sql = Files.createTempFile("netcheck-pg-", ".sql");
        try {
            Files.writeString(sql, String.join(";\n", statements) + ";\n", StandardCharsets.UTF_8);
            run(STEP_TIMEOUT, "psql", sql, cmd("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", socketDir.toString(),
                    "-p", Integer.toString(port), "-U", SUPERUSER, "-d", "postgres"));
        } finally {
            Files.deleteIfExists(sql);
        }
    }

    private List<String> cmd(String tool, String... args) {
        List<String> full = new ArrayList<>(asServerUser);
        full.add(bin.resolve(tool).toString());
        full.addAll(Arrays.asList(args));
        return full;
    }

    private void run(Duration timeout, String what, List<String> command) {
        run(timeout, what, null, command);
    }

    /**
     * Runs a tool with its output in a file (the postmaster that pg_ctl forks must not hold a pipe of ours), in
     * the server directory (the postgres user cannot enter the build's working directory).
     */
    private void run(Duration timeout, String what, Path input, List<String> command) {
        Path out = null;
        try {
            out = Files.createTempFile("netcheck-pg-", ".out");
            Process p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(input != null ? input.toFile() : new File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(what + " did not finish within " + timeout + ": " + String.join(" ", command)
                        + "\n" + Files.readString(out) + serverLog());
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(what + " failed (exit " + p.exitValue() + "): "
                        + String.join(" ", command) + "\n" + Files.readString(out) + serverLog());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    private String serverLog() {
        try {
            return Files.isRegularFile(log) ? "\n--- server log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "\n(cannot read server log: " + e + ")";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]) == 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot tell whether this runs as root from /proc/self/status", e);
        }
        throw new IllegalStateException("no Uid line in /proc/self/status");
    }
}
