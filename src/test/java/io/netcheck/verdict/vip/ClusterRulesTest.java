package io.netcheck.verdict.vip;

import io.netcheck.verdict.VerdictEngine;
import io.netcheck.verdict.Verdict;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.TeamDirectory;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Evidence;

import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.icmp;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.refused;
import static io.netcheck.verdict.Evidence.timeout;
import static io.netcheck.verdict.RuleTestSupport.cites;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.capture.IcmpKind;
import io.netcheck.check.ClusterPool;
import io.netcheck.check.EndpointEvidence;
import io.netcheck.check.HostPort;
import io.netcheck.check.PoolEndpoint;
import io.netcheck.check.ServiceRef;
import io.netcheck.check.ServiceView;
import io.netcheck.check.VipEvidence;
import io.netcheck.check.Via;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules that read the cluster's view of a svc/ pool, and where they sit in the table. */
class ClusterRulesTest {
    static final String VIP = "198.51.100.10:80";
    static final ServiceRef WEB = new ServiceRef("web", "shop", null);

    static PoolEndpoint ep(String target, String condition, String pod) {
        HostPort hp = Evidence.hp(target);
        return switch (condition) {
            case "ready" -> new PoolEndpoint(hp, true, true, false, pod, "node-a", "web-a");
            case "not-ready" -> new PoolEndpoint(hp, false, false, false, pod, "node-b", "web-a");
            case "terminating" -> new PoolEndpoint(hp, false, true, true, pod, "node-a", "web-b");
            default -> throw new IllegalArgumentException(condition);
        };
    }

    /** Evidence of a run whose backends were the Service's endpoints. */
    static VipEvidence pooled(ServiceView.Problem problem, List<PoolEndpoint> pool, EndpointEvidence vip,
                              EndpointEvidence... backends) {
        VipEvidence e = of(vip, backends);
        ServiceView view = new ServiceView("shop", "web", "ClusterIP", Via.CLUSTERIP, vip.target(), "http/80", "8080",
                problem == ServiceView.Problem.NO_SELECTOR ? Map.of() : Map.of("app", "web"), List.of("web-a", "web-b"),
                pool, pool.size(), problem, List.of());
        var request = e.request().resolvedAs(e.request().vip(), e.request().backends(),
                new ClusterPool(WEB, WEB, Via.CLUSTERIP, view, null));
        return new VipEvidence(request, e.startedAt(), e.elapsed(), e.vip(), e.backends(), e.layer(), e.capture(), e.host(),
                e.attribution(), e.pathMtu());
    }

    static Verdict decide(VipEvidence e) {
        return new VerdictEngine(TeamDirectory.defaults()).decide(e);
    }

    @Test
    void aSelectorMatchingNoPodsIsTheServicesFaultEvenThoughKubeProxyRejectsLikeAFirewall() {
        VipEvidence e = pooled(ServiceView.Problem.SELECTOR_MATCHES_NO_PODS, List.of(),
                icmp(VIP, IcmpKind.PORT_UNREACHABLE, 3, 3, Evidence.ROUTER));
        Finding f = fires(new ServicePoolMisconfigured(), e, Cause.SERVICE_MISCONFIGURED);
        cites(f, "selector app=web matches no pod");
        assertTrue(f.nextSteps().get(0).startsWith("kubectl get pods -n shop -l app=web"), f.nextSteps().toString());
        Verdict v = decide(e);
        assertEquals("service-misconfigured", v.rule());
        assertEquals("platform", v.team(), "the Service's owner by default");
        assertEquals(Confidence.HIGH, v.confidence());
        assertEquals(2, v.signals().size());
    }

    @Test
    void theOwnerOfServiceMisconfigurationsIsConfigurable() {
        VipEvidence e = pooled(ServiceView.Problem.NO_SELECTOR, List.of(), timeout(VIP));
        Verdict v = new VerdictEngine(new TeamDirectory(Map.of(Cause.SERVICE_MISCONFIGURED, "shop-team"), Map.of()))
                .decide(e);
        assertEquals(Cause.SERVICE_MISCONFIGURED, v.cause());
        assertEquals("shop-team", v.team());
        assertTrue(v.summary().contains("no selector and no EndpointSlice"), v.summary());
    }

    @Test
    void aTargetPortNoPodExposes() {
        Finding f = fires(new ServicePoolMisconfigured(), pooled(ServiceView.Problem.TARGET_PORT_NOT_EXPOSED, List.of(),
                refused(VIP, 63)), Cause.SERVICE_MISCONFIGURED);
        cites(f, "targetPort 8080 is a port no selected pod exposes");
    }

    @Test
    void silentWithoutAClusterViewOrWhenTheVipServes() {
        silent(new ServicePoolMisconfigured(), of(refused(VIP, 63)));
        silent(new ServicePoolMisconfigured(), pooled(ServiceView.Problem.SELECTOR_MATCHES_NO_PODS, List.of(),
                healthy(VIP, 63)));
    }

    @Test
    void noReadyEndpointIsBackendsDownWithThePodsAsProof() {
        List<PoolEndpoint> pool = List.of(ep("203.0.113.11:8080", "not-ready", "web-1"),
                ep("203.0.113.12:8080", "not-ready", "web-2"));
        VipEvidence e = pooled(null, pool, icmp(VIP, IcmpKind.PORT_UNREACHABLE, 3, 3, Evidence.ROUTER),
                refused("203.0.113.11:8080", 62), refused("203.0.113.12:8080", 62));
        Verdict v = decide(e);
        assertEquals(Cause.BACKENDS_DOWN, v.cause());
        assertEquals("no-ready-endpoints", v.rule());
        assertEquals("server", v.team());
        assertEquals(Confidence.HIGH, v.confidence());
        assertTrue(v.explanation().contains("pod web-1 on node-b, not ready"), v.explanation());
        assertEquals(3, v.signals().size());
    }

    @Test
    void notReadyPodsThatAnswerFailTheirReadinessProbe() {
        List<PoolEndpoint> pool = List.of(ep("203.0.113.11:8080", "not-ready", "web-1"));
        Finding f = fires(new NoReadyEndpoints(), pooled(null, pool, timeout(VIP), healthy("203.0.113.11:8080", 62)),
                Cause.BACKENDS_DOWN);
        cites(f, "fail their readiness probe");
    }

    @Test
    void aReadyEndpointThatRefusesIsCalledOut() {
        List<PoolEndpoint> pool = List.of(ep("203.0.113.11:8080", "ready", "web-1"), ep("203.0.113.12:8080", "ready", "web-2"));
        VipEvidence e = pooled(null, pool, healthy(VIP, 63), healthy("203.0.113.11:8080", 62),
                refused("203.0.113.12:8080", 62));
        Verdict v = decide(e);
        assertEquals(Cause.DEGRADED, v.cause());
        assertEquals("ready-endpoint-refuses", v.rule());
        assertTrue(v.summary().contains("pod web-2 on node-a, ready): REFUSED"), v.summary());
        assertEquals(Confidence.HIGH, v.confidence());
    }

    @Test
    void everyReadyPodRefusingPointsAtTheTargetPortAtMediumConfidence() {
        List<PoolEndpoint> pool = List.of(ep("203.0.113.11:8080", "ready", "web-1"), ep("203.0.113.12:8080", "ready", "web-2"));
        Verdict v = decide(pooled(null, pool, refused(VIP, 62), refused("203.0.113.11:8080", 62),
                refused("203.0.113.12:8080", 62)));
        assertEquals(Cause.SERVICE_MISCONFIGURED, v.cause());
        assertEquals(Confidence.MEDIUM, v.confidence());
        assertTrue(v.summary().contains("refuses targetPort 8080"), v.summary());
    }

    @Test
    void terminatingPodsCarryingTheVipAreCalledOut() {
        List<PoolEndpoint> pool = List.of(ep("203.0.113.13:8080", "terminating", "web-3"),
                ep("203.0.113.12:8080", "not-ready", "web-2"));
        VipEvidence e = pooled(null, pool, healthy(VIP, 63), healthy("203.0.113.13:8080", 62),
                timeout("203.0.113.12:8080"));
        Verdict v = decide(e);
        assertEquals(Cause.DEGRADED, v.cause());
        assertEquals("terminating-endpoints-serve", v.rule());
        assertTrue(v.summary().contains("pod web-3 on node-a, terminating, still serving"), v.summary());
        silent(new TerminatingEndpointsServe(), pooled(null, List.of(ep("203.0.113.11:8080", "ready", "web-1"),
                ep("203.0.113.13:8080", "terminating", "web-3")), healthy(VIP, 63), healthy("203.0.113.11:8080", 62),
                healthy("203.0.113.13:8080", 62)));
    }

    @Test
    void aHealthyPoolIsStillHealthy() {
        List<PoolEndpoint> pool = List.of(ep("203.0.113.11:8080", "ready", "web-1"));
        Verdict v = decide(pooled(null, pool, healthy(VIP, 63), healthy("203.0.113.11:8080", 62)));
        assertEquals(Cause.HEALTHY, v.cause());
    }

    @Test
    void theReportSaysWhereThePoolCameFromAndCallsOutThePods() {
        List<PoolEndpoint> pool = List.of(ep("203.0.113.11:8080", "ready", "web-1"), ep("203.0.113.12:8080", "ready", "web-2"),
                ep("203.0.113.13:8080", "terminating", "web-3"));
        VipEvidence e = pooled(null, pool, healthy(VIP, 63), healthy("203.0.113.11:8080", 62),
                refused("203.0.113.12:8080", 62), healthy("203.0.113.13:8080", 62));
        var report = io.netcheck.report.VipReport.of(e, decide(e));
        assertEquals("vip svc/web.shop (198.51.100.10:80) --timeout 3000ms", report.command());
        java.util.function.BiFunction<String, String, List<String>> facts = (step, label) -> report.steps().stream()
                .filter(s -> s.name().equals(step)).flatMap(s -> s.facts().stream()).filter(f -> f.label().equals(label))
                .map(io.netcheck.report.Fact::value).toList();
        assertEquals(List.of("svc/web.shop (type ClusterIP, port http/80): its clusterIP, 198.51.100.10:80"),
                facts.apply("reach", "vip from"));
        assertEquals(List.of("svc/web.shop port http/80 → targetPort 8080, selector app=web; EndpointSlices web-a, web-b "
                + "(discovery.k8s.io/v1)"), facts.apply("backends", "pool from"));
        assertEquals(List.of("3 endpoints: 2 ready, 0 not ready, 1 terminating"), facts.apply("backends", "cluster view"));
        assertEquals(List.of("marked ready but refuses: 203.0.113.12:8080 (pod web-2 on node-a, ready): REFUSED",
                "terminating but still accepting connections: 203.0.113.13:8080 (pod web-3 on node-a, terminating, still "
                        + "serving): HEALTHY"), facts.apply("backends", "called out"));
        var web2 = report.steps().stream().filter(s -> s.name().equals("backends")).findFirst().orElseThrow().substeps()
                .stream().filter(s -> s.name().equals("203.0.113.12:8080")).findFirst().orElseThrow();
        assertEquals("kubernetes", web2.facts().get(0).label());
        assertEquals("pod web-2 on node node-a, ready (slice web-a)", web2.facts().get(0).value());
        String text = new io.netcheck.render.TextRenderer(java.time.ZoneOffset.UTC).render(report);
        assertTrue(text.contains("called out: marked ready but refuses"), text);
    }

    @Test
    void theClusterRulesSitInTheTable() {
        List<String> ids = VipRules.TABLE.stream().map(Rule::id).toList();
        assertTrue(ids.indexOf("service-misconfigured") < ids.indexOf("firewall-rejects"));
        assertTrue(ids.indexOf("no-ready-endpoints") < ids.indexOf("no-endpoints-behind-vip"));
        assertTrue(ids.indexOf("ready-endpoint-refuses") < ids.indexOf("vip-refused"));
        assertTrue(ids.indexOf("terminating-endpoints-serve") < ids.indexOf("some-backends-down"));
        assertTrue(Arrays.stream(Cause.values()).anyMatch(c -> c == Cause.SERVICE_MISCONFIGURED
                && c.defaultTeam().equals("platform")));
    }
}
