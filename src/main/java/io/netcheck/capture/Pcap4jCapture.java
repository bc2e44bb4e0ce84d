package io.netcheck.capture;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.logging.LogManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;

/**
 * Live capture with pcap4j: one handle per interface, each looping on its own thread. Immediate mode
 * and a short read timeout let {@code breakLoop} stop a quiet capture (a plain {@code pcap_next} can block
 * forever once traffic stops).
 */
public final class Pcap4jCapture implements PacketCapture {
    /** Upper bound on frames kept per run, so a busy interface cannot exhaust memory. */
    static final int MAX_FRAMES = 20_000;
    /** Read timeout: how soon a quiet handle notices {@code breakLoop}. */
    static final int READ_TIMEOUT_MS = 20;
    /** Stop lingering once no packet has arrived for this long. */
    static final Duration QUIET = Duration.ofMillis(25);

    private final boolean keepPayload;

    /** @param keepPayload keep TCP payload up to the snaplen; false (the default) keeps headers only */
    public Pcap4jCapture(boolean keepPayload) {
        this.keepPayload = keepPayload;
    }

    /**
     * Loading libpcap through JNA costs ~100 ms the first time: started once the application is up, it
     * overlaps parsing and name resolution instead of delaying the verdict. Must not run before logging is
     * configured (it logs, and that raced the framework's logging set-up into a deadlock).
     */
    public static void warmUpInBackground() {
        Thread warmUp = new Thread(Pcap4jCapture::loadLibrary, "pcap-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private static void loadLibrary() {
        try {
            // Take the JUL LogManager lock before pcap4j's slf4j logger initialises org.jboss LogContext: done the
            // other way round, this thread held LogContext's class-init lock while main held the LogManager lock
            // during Quarkus boot, and the CLI hung forever (seen in lab ITs, about 1 run in 50).
            LogManager.getLogManager();
            org.pcap4j.core.Pcaps.libVersion();
        } catch (RuntimeException | LinkageError e) {
            // reported properly when a capture is started
        }
    }

    @Override
    public CaptureSession start(List<String> interfaces, String filter, int snaplen) {
        List<Running> running = new ArrayList<>();
        try {
            for (String name : interfaces) {
                PcapHandle handle = new PcapHandle.Builder(name)
                        .snaplen(snaplen)
                        .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                        .timeoutMillis(READ_TIMEOUT_MS)
                        .immediateMode(true)
                        .build();
                running.add(new Running(name, handle, keepPayload));
                handle.setFilter(filter, BpfProgram.BpfCompileMode.OPTIMIZE);
            }
        } catch (PcapNativeException | NotOpenException | RuntimeException | LinkageError e) {
            running.forEach(Running::close);
            return unavailable(explain(e), interfaces, filter, snaplen);
        }
        running.forEach(Running::startLoop);
        return new Session(running, interfaces, filter, snaplen);
    }

    private static CaptureSession unavailable(String problem, List<String> interfaces, String filter, int snaplen) {
        return PacketCapture.disabled(problem).start(interfaces, filter, snaplen);
    }

    /** Whether a capture can be opened here: null when it can, else why not (in the operator's words). */
    public static String availability() {
        try {
            var lo = org.pcap4j.core.Pcaps.findAllDevs().stream().filter(PcapNetworkInterface::isLoopBack).findFirst();
            if (lo.isEmpty()) {
                return "no loopback interface visible to libpcap";
            }
            PcapHandle handle = new PcapHandle.Builder(lo.get().getName()).snaplen(64).timeoutMillis(READ_TIMEOUT_MS)
                    .build();
            handle.close();
            return null;
        } catch (PcapNativeException | RuntimeException | LinkageError e) {
            return explain(e);
        }
    }

    /** Turns pcap4j/JNA failures into the operator's next step. */
    static String explain(Throwable e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof LinkageError) {
            return "libpcap could not be loaded (" + message + "): install libpcap0.8";
        }
        if (message.contains("Operation not permitted") || message.contains("permission")) {
            return "no permission to capture (" + message + "): run as root or grant CAP_NET_RAW";
        }
        if (message.contains("No such device")) {
            return "interface not found: " + message;
        }
        return "capture failed: " + message;
    }

    private static final class Session implements CaptureSession {
        private final List<Running> running;
        private final List<String> interfaces;
        private final String filter;
        private final int snaplen;

        Session(List<Running> running, List<String> interfaces, String filter, int snaplen) {
            this.running = running;
            this.interfaces = interfaces;
            this.filter = filter;
            this.snaplen = snaplen;
        }

        @Override
        public CaptureResult stop(Duration linger) throws InterruptedException {
            awaitQuiet(linger);
            List<CapturedFrame> frames = new ArrayList<>();
            long dropped = 0;
            for (Running r : running) {
                r.stopLoop();
                dropped += r.dropped();
                synchronized (r.frames) {
                    frames.addAll(r.frames);
                }
                r.close();
            }
            frames.sort((a, b) -> a.timestamp().compareTo(b.timestamp()));
            return new CaptureResult(true, null, interfaces, filter, snaplen, frames, dropped);
        }

        /**
         * Waits for late packets, but no longer than needed: until QUIET passes with nothing new and every packet the
         * kernel has queued for the handles has been read. The second condition is what makes a busy machine safe:
         * a packet the probe already saw (a SYN-ACK its socket got) was queued for the capture before the socket had
         * it, but a capture thread starved of CPU may not have read it yet, and 25 quiet milliseconds alone would
         * end the capture without it. On the system's clock, not the injected {@code probe.Ticker}: it waits for
         * packets the kernel delivers in real time, and capture sits below probe (which reads captures), so it
         * cannot use probe's types without a package cycle.
         */
        private void awaitQuiet(Duration linger) throws InterruptedException {
            long end = System.nanoTime() + linger.toNanos();
            int seen = count();
            long quietSince = System.nanoTime();
            while (System.nanoTime() < end) {
                Thread.sleep(5);
                int now = count();
                if (now != seen) {
                    seen = now;
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince >= QUIET.toNanos() && drained()) {
                    return;
                }
            }
        }

        private boolean drained() {
            return running.stream().allMatch(r -> r.unread() <= 0);
        }

        private int count() {
            return running.stream().mapToInt(r -> r.frames.size()).sum();
        }

        @Override
        public void close() {
            running.forEach(r -> {
                r.stopLoop();
                r.close();
            });
        }
    }

    private static final class Running {
        final String name;
        final PcapHandle handle;
        final int linkType;
        final List<CapturedFrame> frames = Collections.synchronizedList(new ArrayList<>());
        /** Packets the loop has been handed, kept or not (past MAX_FRAMES): compared with the kernel's count. */
        final AtomicLong handed = new AtomicLong();
        Thread thread;

        final boolean keepPayload;
        final boolean loopback;

        private static boolean isLoopback(String name) {
            try {
                NetworkInterface nic = NetworkInterface.getByName(name);
                return nic != null && nic.isLoopback();
            } catch (SocketException e) {
                return false;
            }
        }

        Running(String name, PcapHandle handle, boolean keepPayload) {
            this.name = name;
            this.loopback = isLoopback(name);
            this.keepPayload = keepPayload;
            this.handle = handle;
            this.linkType = handle.getDlt().value();
        }

        void startLoop() {
            thread = new Thread(() -> {
                try {
                    handle.loop(-1, (byte[] data) -> {
                        handed.incrementAndGet();
                        if (frames.size() >= MAX_FRAMES) {
                            return;
                        }
                        Timestamp ts = handle.getTimestamp();
                        Integer original = handle.getOriginalLength();
                        Instant when = ts == null ? Instant.now() : ts.toInstant();
                        byte[] kept = keepPayload ? data : HeaderOnly.strip(data, linkType);
                        frames.add(new CapturedFrame(when, linkType, kept, original == null ? data.length : original,
                                name));
                    });
                } catch (InterruptedException e) {
                    // breakLoop: normal end of the capture
                } catch (PcapNativeException | NotOpenException e) {
                    // the handle was closed under us: the frames already taken still count
                }
            }, "capture-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        void stopLoop() {
            try {
                if (handle.isOpen()) {
                    handle.breakLoop();
                }
                if (thread != null) {
                    thread.join(1000);
                }
            } catch (NotOpenException e) {
                // already closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Packets the kernel queued for this handle (passed its filter, not dropped) that the loop has not been handed
         * yet; 0 when the handle cannot say (then only the quiet period counts). libpcap's statistics may be read
         * while its loop runs: both take pcap4j's shared lock, and on Linux they only ask the socket for its counters.
         */
        long unread() {
            try {
                if (!handle.isOpen()) {
                    return 0;
                }
                PcapStat stats = handle.getStats();
                long queued = stats.getNumPacketsReceived() - stats.getNumPacketsDropped();
                // On loopback the kernel queues each packet twice (as it leaves and as it arrives) and libpcap
                // hands over only the arriving copy: half, rounded up while a pair is half queued.
                return (loopback ? (queued + 1) / 2 : queued) - handed.get();
            } catch (PcapNativeException | NotOpenException | RuntimeException e) {
                return 0;
            }
        }

        long dropped() {
            try {
                return handle.isOpen() ? handle.getStats().getNumPacketsDropped() : 0;
            } catch (PcapNativeException | NotOpenException | RuntimeException e) {
                return 0;
            }
        }

        void close() {
            if (handle.isOpen()) {
                handle.close();
            }
        }
    }
}
