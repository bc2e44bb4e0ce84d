package io.netcheck.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.check.ClockOffset;
import io.netcheck.check.LbSide;
import io.netcheck.schedule.ShiftableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The relay between two replicas sharing one store, each ticked by the test with a clock it moves: nothing sleeps.
 * Replica "a" holds agent lb-a; requests come to replica "b".
 */
class AgentRelayTest {
    static final Duration LEASE = Duration.ofSeconds(15);
    static final Duration BUDGET = Duration.ofSeconds(30);
    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    final ShiftableClock clock = pinned(T0);
    final MemoryRelayStore store = new MemoryRelayStore();
    final FakeAgents onA = new FakeAgents(Set.of("lb-a", "lb-b"));
    final FakeAgents onB = new FakeAgents(Set.of("lb-a", "lb-b"));
    /** Replica a's claimed jobs, run when the test says so. */
    final Queue<Runnable> aJobs = new ArrayDeque<>();
    final AgentRelay a = new AgentRelay(store, onA, "a", clock, LEASE, aJobs::add, Runnable::run);
    final AgentRelay b = new AgentRelay(store, onB, "b", clock, LEASE, Runnable::run, Runnable::run);

    /** The schedule tests' clock, pinned: it moves only when the test says so. */
    static ShiftableClock pinned(Instant at) {
        ShiftableClock c = new ShiftableClock();
        c.set(at);
        return c;
    }

    AgentRelayTest() {
        onA.connect("lb-a", T0);
        a.tick();
        b.tick();
    }

    @Test
    void aJobForAnAgentOnAnotherReplicaRunsThereAndItsResultComesBack() throws Exception {
        AgentRelay.Waiter w = b.submit("lb-a", b.owner("lb-a"), "tcp 203.0.113.10:443", BUDGET);
        assertFalse(w.outcome().isDone());
        a.tick(); // notified: claims the job
        assertEquals(1, aJobs.size());
        a.tick(); // claimed once only
        assertEquals(1, aJobs.size());
        aJobs.remove().run();
        assertFalse(w.outcome().isDone(), "the requester reads the result at its own next round");
        b.tick();
        AgentMessage.Result r = (AgentMessage.Result) AgentMessage.decode(w.outcome().get());
        assertEquals("{\"report\":\"tcp 203.0.113.10:443\"}", r.report());
        assertEquals(List.of("203.0.113.10"), r.probed());
        assertEquals("QUJD", r.pcap(), "the capture crosses with the result");
        assertEquals(List.of("lb-a tcp 203.0.113.10:443 within 30000 ms"), onA.ran);
        assertTrue(onB.ran.isEmpty());
    }

    @Test
    void theOwnerIsTheReplicaHoldingTheAgentAndANewerConnectionElsewhereWins() {
        assertEquals("a", b.owner("lb-a"));
        // The agent reconnects to b before a noticed its old connection gone: b's newer connection wins, and a's
        // re-assertion of its older one at its next renewal does not take it back.
        clock.plusSeconds(6);
        onB.connect("lb-a", clock.instant());
        b.connected(onB.agents().get(0));
        b.tick();
        a.tick(); // renews: re-asserts lb-a, connected earlier
        assertEquals(2, onA.agents().size() + onB.agents().size(), "a has not noticed yet");
        assertEquals("b", a.owner("lb-a"));
    }

    @Test
    void anAgentConnectedNowhereIsAClearErrorNamingWhoIsConnectedWhere() {
        AgentException e = assertThrows(AgentException.class, () -> b.run("lb-z", "tcp 203.0.113.10:443", BUDGET));
        assertEquals(AgentException.Kind.NOT_CONNECTED, e.kind());
        assertEquals("no agent 'lb-z' is connected to any replica; connected: lb-a (replica a) (and 'lb-z' is not "
                + "in NETCHECK_AGENT_TOKENS)", e.getMessage());
        assertEquals("no agent 'lb-b' is connected to any replica; connected: lb-a (this replica)",
                assertThrows(AgentException.class, () -> a.run("lb-b", "tcp x:1", BUDGET)).getMessage());
    }

    @Test
    void eachReplicaListsTheAgentsConnectedElsewhere() {
        assertEquals(List.of(new AgentElsewhere("lb-a", "a", T0)), b.elsewhere());
        assertEquals(List.of(), a.elsewhere(), "its own agents are listed from its own connections");
    }

    @Test
    void aLocalAgentRunsOnThisReplicasConnectionWithoutTheStore() throws Exception {
        a.run("lb-a", "dns example.org", BUDGET);
        assertEquals(List.of("lb-a dns example.org within 30000 ms"), onA.ran);
        assertEquals(0, store.rows());
    }

    @Test
    void whatTheAgentRefusedCrossesWithItsKindAndMessage() throws Exception {
        onA.refuse = new AgentException(AgentException.Kind.POLICY, "refused by agent lb-a's target policy, nothing "
                + "was sent: 203.0.113.10 is in deny-cidrs");
        AgentRelay.Waiter w = b.submit("lb-a", "a", "tcp 203.0.113.10:443", BUDGET);
        a.tick();
        aJobs.remove().run();
        b.tick();
        AgentException e = failure(w.outcome());
        assertEquals(AgentException.Kind.POLICY, e.kind());
        assertEquals(onA.refuse.getMessage(), e.getMessage());
    }

    @Test
    void theOwningReplicaDyingMidJobIsAGoneErrorOnceItsLeaseRunsOut() throws Exception {
        AgentRelay.Waiter w = b.submit("lb-a", "a", "tcp 203.0.113.10:443", BUDGET);
        a.tick(); // claimed, then a dies: its job never finishes, its lease is not renewed
        clock.plusSeconds(LEASE.minusSeconds(1).toSeconds());
        b.tick();
        assertFalse(w.outcome().isDone(), "still within a's lease");
        clock.plusSeconds(2);
        b.tick();
        AgentException e = failure(w.outcome());
        assertEquals(AgentException.Kind.GONE, e.kind());
        assertEquals("agent lb-a is on replica a, which stopped renewing its lease during the job (it stopped or "
                + "died); the agent reconnects to another replica: ask again in a moment", e.getMessage());
        assertEquals(AgentException.Kind.NOT_CONNECTED, assertThrows(AgentException.class,
                () -> b.owner("lb-a")).kind());
    }

    @Test
    void aReplicaThatStopsCleanlyFailsTheJobAtOnce() throws Exception {
        AgentRelay.Waiter w = b.submit("lb-a", "a", "tcp 203.0.113.10:443", BUDGET);
        a.stop();
        b.tick();
        assertTrue(failure(w.outcome()).getMessage().contains("stopped renewing its lease before taking the job"));
    }

    @Test
    void aJobNobodyAnswersEndsAtItsDeadlineWhileTheOwnerLives() throws Exception {
        AgentRelay.Waiter w = b.submit("lb-a", "a", "tcp 203.0.113.10:443", BUDGET);
        a.tick();
        for (int s = 0; s < BUDGET.plus(AgentRelay.TRANSPORT).toSeconds(); s += 5) {
            clock.plusSeconds(5);
            a.tick(); // alive: renews
            b.tick();
            assertFalse(w.outcome().isDone(), "at " + s);
        }
        clock.plusSeconds(1);
        b.tick();
        AgentException e = failure(w.outcome());
        assertEquals(AgentException.Kind.TIMEOUT, e.kind());
        assertEquals("agent lb-a (on replica a) gave no result within 35000 ms", e.getMessage());
    }

    @Test
    void theOwnerGivesTheAgentWhatIsLeftOfTheBudget() {
        b.submit("lb-a", "a", "tcp 203.0.113.10:443", BUDGET);
        a.tick();
        clock.plusSeconds(12); // queued behind others on a, say
        aJobs.remove().run();
        assertEquals(List.of("lb-a tcp 203.0.113.10:443 within 18000 ms"), onA.ran);
    }

    @Test
    void aDisconnectRemovesOnlyThisReplicasPresence() {
        onB.connect("lb-a", T0.plusSeconds(1));
        b.connected(onB.agents().get(0));
        a.disconnected("lb-a"); // a's old connection noticed gone after b has the new one
        assertEquals("b", a.owner("lb-a"));
        b.disconnected("lb-a");
        assertThrows(AgentException.class, () -> a.owner("lb-a"));
    }

    @Test
    void theLoadBalancersSideOfAVipFromCrossesInTwoStepsWithTheOffsetMeasuredHere() throws Exception {
        LbSide.Started side = b.startSide("lb-a", "vip 203.0.113.10:443 --backends 198.51.100.10:443",
                List.of("198.51.100.1"), Duration.ofSeconds(4), BUDGET);
        a.tick();
        aJobs.remove().run(); // ready, then the result at the end of its window: both written before b looks
        assertEquals(List.of("side lb-a vip 203.0.113.10:443 --backends 198.51.100.10:443 peers [198.51.100.1] "
                + "window 4000 ms"), onA.ran);
        b.tick();
        LbSide.Ready ready = side.awaitReady(Duration.ofSeconds(1));
        assertEquals(null, ready.problem());
        // The agent's clock said T0 + 1.5 s; b sent and read at T0 (the test's clock does not move): +1.5 s ± 0.
        assertEquals(new ClockOffset(1_500_000, 0), ready.offset());
        LbSide.Result result = side.finish(Duration.ofSeconds(1));
        assertEquals(List.of(InetAddress.getByName("198.51.100.10")), result.probed());
        assertEquals(3, result.pcap().length);
        side.cancel(); // after finish: nothing more
        assertEquals(0, store.rows());
    }

    @Test
    void aSideJobWhoseOwnerDiesAfterReadyEndsGone() throws Exception {
        LbSide.Started side = b.startSide("lb-a", "vip 203.0.113.10:443", List.of("198.51.100.1"),
                Duration.ofSeconds(4), BUDGET);
        a.tick();
        store.finishFails = true; // a is killed after writing the ready, before the result
        aJobs.remove().run();
        b.tick();
        side.awaitReady(Duration.ofSeconds(1));
        clock.plusSeconds(LEASE.plusSeconds(1).toSeconds());
        b.tick();
        AgentException e = assertThrows(AgentException.class, () -> side.finish(Duration.ofSeconds(1)));
        assertEquals(AgentException.Kind.GONE, e.kind());
        assertTrue(e.getMessage().contains("during the job"), e.getMessage());
    }

    static AgentException failure(CompletableFuture<?> f) throws InterruptedException {
        assertTrue(f.isDone());
        try {
            f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AgentException a) {
                return a;
            }
            throw new AssertionError(e.getCause());
        }
        throw new AssertionError("completed without an error");
    }

    /** The agents of one replica: each job records what it was asked and answers with its command. */
    static final class FakeAgents implements LocalAgents {
        final Set<String> allowed;
        final Map<String, AgentInfo> connected = new HashMap<>();
        final List<String> ran = new ArrayList<>();
        AgentException refuse;

        FakeAgents(Set<String> allowed) {
            this.allowed = allowed;
        }

        void connect(String name, Instant at) {
            connected.put(name, new AgentInfo(name, "lab", Map.of(), at, at, "test", 1, "127.0.0.1:1"));
        }

        @Override
        public boolean connected(String agent) {
            return connected.containsKey(agent);
        }

        @Override
        public List<AgentInfo> agents() {
            return List.copyOf(connected.values());
        }

        @Override
        public boolean allowed(String agent) {
            return allowed.contains(agent);
        }

        @Override
        public AgentMessage.Result run(String agent, String command, Duration budget) {
            if (!connected(agent)) {
                throw new AgentException(AgentException.Kind.NOT_CONNECTED, "no agent '" + agent + "' is connected");
            }
            ran.add(agent + " " + command + " within " + budget.toMillis() + " ms");
            if (refuse != null) {
                throw refuse;
            }
            return new AgentMessage.Result("id", "{\"report\":\"" + command + "\"}", null, null,
                    List.of("203.0.113.10"), "QUJD", false);
        }

        @Override
        public SideRun side(String agent, String command, List<String> peers, Duration window) {
            ran.add("side " + agent + " " + command + " peers " + peers + " window " + window.toMillis() + " ms");
            long agentClock = (T0.toEpochMilli() + 1500) * 1000;
            return new SideRun() {
                @Override
                public AgentMessage.SideReady ready(Duration within) {
                    return new AgentMessage.SideReady("id", agentClock, null);
                }

                @Override
                public AgentMessage.SideResult result(Duration within) {
                    return new AgentMessage.SideResult("id", null, null, null, null, "QUJD", false,
                            List.of("198.51.100.10"));
                }

                @Override
                public void cancel() {
                }
            };
        }
    }
}
