package io.netcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class TcpConnectorTest {
    @Test
    void socketErrorsMapToTheChecklistsOutcomes() {
        assertEquals(ConnectOutcome.REFUSED, TcpConnector.classify(new ConnectException("Connection refused")));
        assertEquals(ConnectOutcome.TIMEOUT, TcpConnector.classify(new SocketTimeoutException("Connect timed out")));
        assertEquals(ConnectOutcome.TIMEOUT, TcpConnector.classify(new ConnectException("Connection timed out")));
        assertEquals(ConnectOutcome.UNREACHABLE, TcpConnector.classify(new NoRouteToHostException("No route to host")));
        assertEquals(ConnectOutcome.UNREACHABLE, TcpConnector.classify(new SocketException("Network is unreachable")));
        assertEquals(ConnectOutcome.LOCAL_ERROR, TcpConnector.classify(new BindException("Cannot assign requested address")));
        assertEquals(ConnectOutcome.LOCAL_ERROR, TcpConnector.classify(new SocketException("Operation not permitted")));
    }
}
