package io.netcheck.verdict;

import io.netcheck.verdict.vip.VipCertificateRejectedTest;

import static io.netcheck.verdict.Evidence.LB_TTL;
import static io.netcheck.verdict.Evidence.SERVER_TTL;
import static io.netcheck.verdict.Evidence.closedAfterAccept;
import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.host;
import static io.netcheck.verdict.Evidence.lbPage;
import static io.netcheck.verdict.Evidence.noHost;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.check.Layer;
import io.netcheck.check.LayerInference;
import io.netcheck.check.VipEvidence;
import org.junit.jupiter.api.Test;

/** Step 2's inference, from the same evidence fixtures the rules use. */
class LayerInspectorTest {
    private static final String VIP = "203.0.113.10:80";
    private static final String NAT_VIP = "203.0.113.11:80";

    private static LayerInference layer(VipEvidence e) {
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
        LayerInference l = layer(of(lbPage(VIP, LB_TTL, "HAProxy"), refused("203.0.113.130:80", SERVER_TTL)));
        assertEquals(Layer.L7_PROXY, l.layer());
        assertTrue(l.reasons().get(0).contains("HAProxy generated the 503"));
    }

    @Test
    void synAckFromTheVipHostItselfMeansAProxy() {
        LayerInference l = layer(of(host("203.0.113.10", LB_TTL, LB_TTL), healthy(VIP, LB_TTL),
                healthy("203.0.113.130:80", SERVER_TTL)));
        assertEquals(Layer.PROXY, l.layer());
        assertTrue(l.reasons().get(0).contains("matches the VIP host's own echo reply"), l.reasons().toString());
    }

    @Test
    void aProxyAsFarAsItsServersIsStillAProxy() {
        // Equal distance: the proxy and its servers both one hop away, with the same (Linux) TCP fingerprint.
        LayerInference l = layer(of(host("203.0.113.12", 63, 63), healthy("203.0.113.12:80", 63),
                healthy("203.0.113.130:80", 63), healthy("203.0.113.131:80", 63)));
        assertEquals(Layer.PROXY, l.layer(), l.reasons().toString());
    }

    @Test
    void withoutTheVipHostEqualDistanceIsNotCalledPassThrough() {
        LayerInference l = layer(of(healthy("203.0.113.12:80", 63), healthy("203.0.113.130:80", 63)));
        assertEquals(Layer.UNKNOWN, l.layer(), l.reasons().toString());
    }

    @Test
    void closeWithoutAnswerFromTheVipHostMeansLayer4Proxy() {
        assertEquals(Layer.L4_PROXY, layer(of(host("203.0.113.10", LB_TTL, null), closedAfterAccept(VIP, LB_TTL),
                refused("203.0.113.130:80", SERVER_TTL))).layer());
    }

    @Test
    void synAckFromBeyondTheVipHostMeansPassThrough() {
        LayerInference l = layer(of(noHost("198.51.100.10", LB_TTL), healthy(NAT_VIP, SERVER_TTL),
                healthy("203.0.113.130:80", SERVER_TTL)));
        assertEquals(Layer.L4_PASSTHROUGH, l.layer());
        assertTrue(l.reasons().toString().contains("TCP fingerprint of 203.0.113.130:80"), l.reasons().toString());
    }

    @Test
    void rstFromBeyondTheVipHostMeansPassThrough() {
        assertEquals(Layer.L4_PASSTHROUGH, layer(of(host("203.0.113.11", LB_TTL, LB_TTL), refused(NAT_VIP, 61),
                healthy("203.0.113.130:80", SERVER_TTL))).layer());
    }

    @Test
    void rstFromTheVipHostLeavesTheLayerUnknown() {
        LayerInference l = layer(of(host("203.0.113.10", LB_TTL, LB_TTL), refused(VIP, LB_TTL),
                healthy("203.0.113.130:80", SERVER_TTL)));
        assertEquals(Layer.UNKNOWN, l.layer());
        assertTrue(l.reasons().get(0).contains("the VIP host answered itself"), l.reasons().toString());
    }

    @Test
    void healthyWithoutBackendsOrHostCannotTell() {
        assertEquals(Layer.UNKNOWN, layer(of(healthy(VIP, LB_TTL))).layer());
    }
}
