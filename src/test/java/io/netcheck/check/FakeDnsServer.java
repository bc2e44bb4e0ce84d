package io.netcheck.check;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A UDP DNS server on loopback for tests, configured with zone-file lines ({@code "vip.test. 300 IN A
 * 10.0.0.5"}): answers the records of the asked name and type, NODATA when the name has other records,
 * NXDOMAIN (with an SOA) otherwise. With {@code invent} it answers every unknown name with an A record,
 * like an NXDOMAIN-rewriting resolver; {@code silent} drops every query. In every mode, names starting
 * with "silent" get no answer and names starting with "broken" get SERVFAIL, so one server can play all.
 */
public final class FakeDnsServer implements AutoCloseable {
    public enum Mode { NORMAL, INVENT, SILENT, SERVFAIL }

    private final DatagramSocket socket;
    private final List<Record> records;
    private final Mode mode;
    private final Thread thread;

    public FakeDnsServer(Mode mode, String... zoneLines) throws IOException {
        this.mode = mode;
        this.records = Arrays.stream(zoneLines).map(FakeDnsServer::parse).toList();
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.thread = new Thread(this::serve, "fake-dns");
        thread.setDaemon(true);
        thread.start();
    }

    private static Record parse(String line) {
        try {
            String[] f = line.split("\\s+", 5);
            return Record.fromString(Name.fromString(f[0]), Type.value(f[3]), DClass.IN, Long.parseLong(f[1]), f[4],
                    Name.root);
        } catch (IOException e) {
            throw new IllegalArgumentException(line, e);
        }
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(socket.getLocalAddress(), socket.getLocalPort());
    }

    private void serve() {
        byte[] buf = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                socket.receive(packet);
                if (mode == Mode.SILENT) {
                    continue;
                }
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                String asked = question.getName().toString(true);
                if (asked.startsWith("silent")) {
                    continue;
                }
                Message reply = new Message(query.getHeader().getID());
                reply.getHeader().setFlag(Flags.QR);
                reply.getHeader().setFlag(Flags.RD);
                reply.getHeader().setFlag(Flags.RA);
                reply.addRecord(question, Section.QUESTION);
                List<Record> named = records.stream().filter(r -> r.getName().equals(question.getName())).toList();
                if (mode == Mode.SERVFAIL || asked.startsWith("broken")) {
                    reply.getHeader().setRcode(Rcode.SERVFAIL);
                } else if (named.isEmpty() && mode == Mode.INVENT) {
                    reply.addRecord(Record.fromString(question.getName(), Type.A, DClass.IN, 60, "10.99.99.99",
                            Name.root), Section.ANSWER);
                } else if (named.isEmpty()) {
                    reply.getHeader().setRcode(Rcode.NXDOMAIN);
                    reply.addRecord(new SOARecord(Name.fromString("test."), DClass.IN, 60, Name.fromString("ns.test."),
                            Name.fromString("admin.test."), 1, 3600, 600, 86400, 60), Section.AUTHORITY);
                } else {
                    named.stream().filter(r -> r.getType() == question.getType())
                            .forEach(r -> reply.addRecord(r, Section.ANSWER));
                }
                byte[] wire = reply.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a malformed query: keep serving until closed
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }

}
