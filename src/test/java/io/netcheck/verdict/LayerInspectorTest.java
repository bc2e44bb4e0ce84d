package io.netcheck.verdict;

import static io.netcheck.verdict.Evidence.LB_TTL;
import static io.netcheck.verdict.Evidence.SERVER_TTL;
import static io.netcheck.verdict.Evidence.closedAfterAccept;
import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.lbPage;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.checklist.Layer;
import io.netcheck.checklist.LayerInference;
import org.junit.jupiter.api.Test;

/** Step 2's inference, from the same evidence fixtures the rules use. */
class LayerInspectorTest {
    private static LayerInference layer(io.netcheck.checklist.VipEvidence e) {
        return e.layer();
    }

    @Test
    void serversThatSpeakPlainHttpBehindATlsVipMeanLayer7() {
        var leaf = VipCertificateRejectedTest.GOOD;
        LayerInference l = layer(of(Evidence.tlsHealthy("203.0.113.10:443", LB_TTL, Evidence.judged("203.0.113.10:443",
                "vip.test", true, true, leaf), leaf), Evidence.plainBehindTls("203.0.113.130:80", SERVER_TTL),
                healthy("203.0.113.131:80", SERVER_TTL)));
        assertEquals(Layer.L7_PROXY, l.layer());
        assertEquals("the VIP completed the TLS handshake, but 1 of 2 real servers answered the ClientHello in clear "
                + "text and GET in plain HTTP: the load balancer terminates TLS and speaks HTTP to the servers",
                l.reasons().get(0));
        assertEquals(Layer.PROXY, layer(of(Evidence.tlsHealthy("203.0.113.10:443", LB_TTL, Evidence.judged(
                "203.0.113.10:443", "vip.test", true, true, leaf), leaf), healthy("203.0.113.130:80", SERVER_TTL)))
                .layer(), "without the clear-text answer only the TTLs speak");
    }

    @Test
    void lbErrorPageMeansLayer7() {
        LayerInference l = layer(of(lbPage("203.0.113.10:80", LB_TTL, "HAProxy"), refused("203.0.113.130:80", SERVER_TTL)));
        assertEquals(Layer.L7_PROXY, l.layer());
        assertTrue(l.reasons().get(0).contains("HAProxy generated the 503"));
    }

    @Test
    void synAckFromCloserThanTheServersMeansAProxy() {
        assertEquals(Layer.PROXY, layer(of(healthy("203.0.113.10:80", LB_TTL), healthy("203.0.113.130:80", SERVER_TTL)))
                .layer());
    }

    @Test
    void closeWithoutAnswerFromAProxyMeansLayer4Proxy() {
        assertEquals(Layer.L4_PROXY, layer(of(closedAfterAccept("203.0.113.10:80", LB_TTL),
                refused("203.0.113.130:80", SERVER_TTL))).layer());
    }

    @Test
    void identicalHandshakeToTheServersMeansPassThrough() {
        LayerInference l = layer(of(healthy("203.0.113.11:80", SERVER_TTL), healthy("203.0.113.130:80", SERVER_TTL)));
        assertEquals(Layer.L4_PASSTHROUGH, l.layer());
        assertTrue(l.reasons().get(0).contains("handshake was with a real server"));
    }

    @Test
    void rstFromServerDistanceMeansPassThrough() {
        assertEquals(Layer.L4_PASSTHROUGH, layer(of(refused("203.0.113.11:80", SERVER_TTL),
                healthy("203.0.113.130:80", SERVER_TTL))).layer());
    }

    @Test
    void rstFromTheLbItselfLeavesTheLayerUnknown() {
        LayerInference l = layer(of(refused("203.0.113.10:80", LB_TTL), healthy("203.0.113.130:80", SERVER_TTL)));
        assertEquals(Layer.UNKNOWN, l.layer());
        assertTrue(l.reasons().get(0).contains("load balancer host itself refused"));
    }

    @Test
    void healthyWithoutBackendsCannotTell() {
        assertEquals(Layer.UNKNOWN, layer(of(healthy("203.0.113.10:80", LB_TTL))).layer());
    }
}
