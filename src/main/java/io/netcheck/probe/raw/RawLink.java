package io.netcheck.probe.raw;

import java.util.logging.LogManager;
import io.netcheck.capture.CapturedFrame;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;

/**
 * One interface opened for crafted packets: a pcap handle that sends, and a second one that captures the
 * answers (and, as another packet socket, the frames sent) on its own thread. The capture keeps whole
 * frames up to a small snap length: ping and trace carry no payload of anyone's.
 */
public final class RawLink implements AutoCloseable {
    static final int SNAPLEN = 256;

    private final String name;
    private final PcapHandle sender;
    private final PcapHandle receiver;
    private final int linkType;
    private final LinkedBlockingQueue<CapturedFrame> queue = new LinkedBlockingQueue<>();
    private final List<CapturedFrame> all = new ArrayList<>();
    private final Thread thread;

    private RawLink(String name, PcapHandle sender, PcapHandle receiver) {
        this.name = name;
        this.sender = sender;
        this.receiver = receiver;
        this.linkType = receiver.getDlt().value();
        this.thread = new Thread(this::loop, "raw-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** @throws IOException with the operator's next step (no privilege, no libpcap) when it cannot be opened */
    public static RawLink open(String iface, String filter) throws IOException {
        PcapHandle send = null;
        PcapHandle receive = null;
        try {
            LogManager.getLogManager(); // see Pcap4jCapture.loadLibrary: init order
            receive = new PcapHandle.Builder(iface).snaplen(SNAPLEN)
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS).timeoutMillis(20)
                    .immediateMode(true).build();
            receive.setFilter(filter, BpfProgram.BpfCompileMode.OPTIMIZE);
            send = new PcapHandle.Builder(iface).snaplen(64)
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS).timeoutMillis(20).build();
            return new RawLink(iface, send, receive);
        } catch (PcapNativeException | NotOpenException | RuntimeException | LinkageError e) {
            if (send != null) {
                send.close();
            }
            if (receive != null) {
                receive.close();
            }
            String m = String.valueOf(e.getMessage());
            throw new IOException(e instanceof LinkageError ? "libpcap could not be loaded (" + m + "): install libpcap0.8"
                    : m.contains("Operation not permitted") || m.contains("ermission")
                    ? "no permission to send raw packets (" + m + "): run as root or grant CAP_NET_RAW"
                    : "cannot open " + iface + " for raw packets: " + m);
        }
    }

    public int linkType() {
        return linkType;
    }

    /** Ethernet-framed interfaces only (lo included, with zero addresses). */
    public boolean ethernet() {
        return linkType == 1;
    }

    public void send(byte[] frame) throws IOException {
        try {
            sender.sendPacket(frame);
        } catch (PcapNativeException | NotOpenException e) {
            throw new IOException("sending on " + name + " failed: " + e.getMessage());
        }
    }

    /** The next captured frame, waiting at most {@code wait}; null when none came. */
    public CapturedFrame next(Duration wait) throws InterruptedException {
        return queue.poll(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** Everything captured so far, in order. */
    public List<CapturedFrame> captured() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    private void loop() {
        try {
            receiver.loop(-1, (byte[] data) -> {
                Timestamp ts = receiver.getTimestamp();
                Integer original = receiver.getOriginalLength();
                CapturedFrame f = new CapturedFrame(ts == null ? Instant.now() : ts.toInstant(), linkType, data,
                        original == null ? data.length : original, name);
                synchronized (all) {
                    if (all.size() < 10_000) {
                        all.add(f);
                    }
                }
                queue.add(f);
            });
        } catch (InterruptedException | PcapNativeException | NotOpenException e) {
            // breakLoop or closed: the end of the run
        }
    }

    @Override
    public void close() {
        try {
            if (receiver.isOpen()) {
                receiver.breakLoop();
            }
            thread.join(2000);
        } catch (NotOpenException e) {
            // already closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive() && receiver.isOpen()) {
            receiver.close(); // never while the loop still holds the handle: close would wait for it forever
        }
        if (sender.isOpen()) {
            sender.close();
        }
    }
}
