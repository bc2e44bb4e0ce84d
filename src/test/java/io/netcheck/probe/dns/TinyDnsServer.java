package io.netcheck.probe.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A UDP DNS server on loopback for tests: fixed A/AAAA answers, NXDOMAIN for unknown names, SERVFAIL for
 * names starting with "broken", and no answer at all for names starting with "silent".
 */
final class TinyDnsServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<String, String> records;
    private final Thread thread;

    TinyDnsServer(Map<String, String> records) throws IOException {
        this.records = records;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.thread = new Thread(this::serve, "tiny-dns");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(socket.getLocalAddress(), socket.getLocalPort());
    }

    private void serve() {
        byte[] buf = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                String name = question.getName().toString(true);
                if (name.startsWith("silent")) {
                    continue;
                }
                Message reply = new Message(query.getHeader().getID());
                reply.getHeader().setFlag(Flags.QR);
                reply.getHeader().setFlag(Flags.RA);
                reply.addRecord(question, Section.QUESTION);
                if (name.startsWith("broken")) {
                    reply.getHeader().setRcode(Rcode.SERVFAIL);
                } else if (!records.containsKey(name)) {
                    reply.getHeader().setRcode(Rcode.NXDOMAIN);
                } else {
                    InetAddress address = InetAddress.getByName(records.get(name));
                    Name owner = Name.fromString(name + ".");
                    boolean v4 = address.getAddress().length == 4;
                    if (question.getType() == Type.A && v4) {
                        reply.addRecord(new ARecord(owner, DClass.IN, 300, address), Section.ANSWER);
                    } else if (question.getType() == Type.AAAA && !v4) {
                        reply.addRecord(new AAAARecord(owner, DClass.IN, 60, address), Section.ANSWER);
                    }
                }
                byte[] wire = reply.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // socket closed, or a malformed query: keep serving until closed
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
