package io.netcheck.check;

import java.nio.file.AccessDeniedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads this host's listening sockets from /proc/net/{tcp,tcp6,udp,udp6} (the network namespace of this
 * process) and finds their processes through /proc/PID/fd, as netstat -lntup does.
 */
public final class ProcNet {
    /** TCP state LISTEN; UDP state 07 (unconnected: a server socket waiting for datagrams). */
    static final String TCP_LISTEN = "0A";
    static final String UDP_UNCONNECTED = "07";

    private final Path proc;

    public ProcNet() {
        this(Path.of("/proc"));
    }

    /** @param proc where procfs is mounted (tests give a directory of fixtures) */
    public ProcNet(Path proc) {
        this.proc = proc;
    }

    /** What was read, and what could not be. */
    public record Scan(List<Listener> listeners, List<String> problems, boolean processesComplete) {
        public Scan {
            listeners = List.copyOf(listeners);
            problems = List.copyOf(problems);
        }
    }

    public Scan scan() {
        List<Listener> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String protocol : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path file = proc.resolve("net").resolve(protocol);
            try {
                found.addAll(parse(protocol, Files.readString(file)));
            } catch (IOException e) {
                if (!protocol.endsWith("6")) {
                    problems.add(file + " could not be read: " + e.getMessage());
                }
                // no tcp6/udp6: IPv6 is off on this host, nothing to list
            }
        }
        Map<Long, int[]> owners = new HashMap<>();
        boolean complete = owners(owners);
        List<Listener> out = new ArrayList<>();
        for (Listener l : found) {
            int[] pid = owners.get(l.inode());
            out.add(pid == null ? l : new Listener(l.protocol(), l.address(), l.port(), l.inode(), l.uid(), pid[0],
                    comm(pid[0])));
        }
        out.sort((a, b) -> a.port() != b.port() ? Integer.compare(a.port(), b.port())
                : a.protocol().compareTo(b.protocol()));
        return new Scan(out, problems, complete);
    }

    /** Parses one /proc/net file; keeps listening TCP sockets and unconnected UDP sockets. */
    static List<Listener> parse(String protocol, String content) {
        List<Listener> out = new ArrayList<>();
        boolean udp = protocol.startsWith("udp");
        String[] lines = content.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            if (!f[3].equals(udp ? UDP_UNCONNECTED : TCP_LISTEN)) {
                continue;
            }
            String[] local = f[1].split(":");
            try {
                out.add(new Listener(protocol, address(local[0]), Integer.parseInt(local[1], 16),
                        Long.parseLong(f[9]), Integer.parseInt(f[7]), null, null));
            } catch (RuntimeException | UnknownHostException e) {
                // a line we do not understand: skip it rather than fail the whole listing
            }
        }
        return out;
    }

    /** /proc/net addresses are the kernel's 32-bit words printed in host (little-endian) order. */
    static InetAddress address(String hex) throws UnknownHostException {
        byte[] b = new byte[hex.length() / 2];
        for (int word = 0; word < b.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                b[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(b);
    }

    /** Fills inode → pid from /proc/PID/fd links; false when some processes could not be read. */
    private boolean owners(Map<Long, int[]> owners) {
        boolean complete = true;
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("[0-9]+"))) {
            for (Path pidDir : pids) {
                int pid = Integer.parseInt(pidDir.getFileName().toString());
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(pidDir.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            String target = Files.readSymbolicLink(fd).toString();
                            if (target.startsWith("socket:[")) {
                                owners.putIfAbsent(Long.parseLong(target.substring(8, target.length() - 1)),
                                        new int[] {pid});
                            }
                        } catch (IOException | RuntimeException e) {
                            // the fd closed meanwhile
                        }
                    }
                } catch (AccessDeniedException e) {
                    complete = false;
                } catch (IOException e) {
                    // the process exited meanwhile
                }
            }
        } catch (IOException e) {
            return false;
        }
        return complete;
    }

    private String comm(int pid) {
        try {
            return Files.readString(proc.resolve(Integer.toString(pid)).resolve("comm")).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
