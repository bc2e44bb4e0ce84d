package io.netcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcNetTest {
    static final String TCP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000   105        0 23456 1 0000000000000000 100 0 0 10 0
               1: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 34567 1 0000000000000000 100 0 0 10 0
               2: 0A00000A:1F90 0500000A:C350 01 00000000:00000000 00:00000000 00000000     0        0 45678 1 0000000000000000 20 4 30 10 -1
            """;
    static final String TCP6 = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 11111 1 0000000000000000 100 0 0 10 0
               1: 00000000000000000000000001000000:0277 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 22222 1 0000000000000000 100 0 0 10 0
               2: B80D0120000000000000000010000000:01BB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 33333 1 0000000000000000 100 0 0 10 0
            """;
    static final String UDP = """
               sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
              512: 016433C6:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 55555 2 0000000000000000 0
              513: 026433C6:A000 016433C6:0035 01 00000000:00000000 00:00000000 00000000     0        0 66666 2 0000000000000000 0
            """;

    @Test
    void parsesListeningTcpSocketsOnly() throws Exception {
        List<Listener> l = ProcNet.parse("tcp", TCP);
        assertEquals(2, l.size(), "the ESTABLISHED socket is not a listener");
        assertEquals(InetAddress.getByName("127.0.0.1"), l.get(0).address());
        assertEquals(5432, l.get(0).port());
        assertEquals(105, l.get(0).uid());
        assertEquals(23456, l.get(0).inode());
        assertTrue(l.get(0).loopbackOnly());
        assertEquals("0.0.0.0:8080", l.get(1).socket());
        assertTrue(l.get(1).allAddresses());
    }

    @Test
    void parsesIpv6WordsInHostOrder() throws Exception {
        List<Listener> l = ProcNet.parse("tcp6", TCP6);
        assertEquals("[::]:80", l.get(0).socket());
        assertEquals("[::1]:631", l.get(1).socket());
        assertTrue(l.get(1).loopbackOnly());
        assertEquals(InetAddress.getByName("2001:db8::10"), l.get(2).address());
    }

    @Test
    void keepsUnconnectedUdpSockets() throws Exception {
        List<Listener> l = ProcNet.parse("udp", UDP);
        assertEquals(1, l.size());
        assertEquals("198.51.100.1:53", l.get(0).socket());
        assertFalse(l.get(0).tcp());
    }

    @Test
    void findsThisProcessesListenerAndItsPid() throws Exception {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ProcNet.Scan scan = new ProcNet().scan();
            assertTrue(scan.problems().isEmpty(), scan.problems().toString());
            Listener mine = scan.listeners().stream().filter(l -> l.port() == s.getLocalPort() && l.tcp()).findFirst()
                    .orElseThrow(() -> new AssertionError("port " + s.getLocalPort() + " not in " + scan.listeners()));
            assertTrue(mine.loopbackOnly());
            assertEquals((int) ProcessHandle.current().pid(), mine.pid());
            assertEquals("java", mine.process());
        }
    }
}
