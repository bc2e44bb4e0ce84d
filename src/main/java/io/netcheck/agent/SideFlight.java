package io.netcheck.agent;

import io.netcheck.check.ClockOffset;
import io.netcheck.check.EvidenceWire;
import io.netcheck.check.LbSide;
import io.netcheck.probe.Addresses;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One load-balancer side job in flight on an agent: ready once its capture runs (the clock offset measured on
 * that message), then its result. Every wait is bounded, and the agent's connection going ends both at once.
 */
public final class SideFlight implements LbSide.Started {
    private final AgentRegistry registry;
    private final AgentRegistry.Session session;
    private final String agent;
    private final String id;
    private final String command;
    private final long sentMicros;
    private final long startedNanos;
    private final CompletableFuture<LbSide.Ready> ready = new CompletableFuture<>();
    private final CompletableFuture<AgentMessage.SideReady> readyMessage = new CompletableFuture<>();
    private final CompletableFuture<AgentMessage.SideResult> result = new CompletableFuture<>();
    private final AtomicBoolean recorded = new AtomicBoolean();

    SideFlight(AgentRegistry registry, AgentRegistry.Session session, String agent, String id, String command,
               long sentMicros, long startedNanos) {
        this.registry = registry;
        this.session = session;
        this.agent = agent;
        this.id = id;
        this.command = command;
        this.sentMicros = sentMicros;
        this.startedNanos = startedNanos;
    }

    void ready(AgentMessage.SideReady message, long receivedMicros) {
        readyMessage.complete(message);
        ready.complete(new LbSide.Ready(ClockOffset.measured(sentMicros, message.agentClockMicros(), receivedMicros),
                message.problem()));
    }

    void result(AgentMessage.SideResult message) {
        if (message.error() != null) {
            fail(new AgentException(AgentException.fromWire(message.errorKind()), message.error()));
            finished(message.errorKind() == null ? "error" : message.errorKind());
            return;
        }
        AgentException early = new AgentException(AgentException.Kind.INTERNAL, "agent " + agent
                + " answered before saying its capture was ready");
        ready.completeExceptionally(early);
        readyMessage.completeExceptionally(early);
        result.complete(message);
    }

    void fail(AgentException e) {
        ready.completeExceptionally(e);
        readyMessage.completeExceptionally(e);
        result.completeExceptionally(e);
    }

    @Override
    public LbSide.Ready awaitReady(Duration within) throws InterruptedException {
        return await(ready, within, "did not start its capture");
    }

    /** For a relay: the agent's ready message itself (the requesting replica measures the offset on its clock). */
    AgentMessage.SideReady awaitReadyMessage(Duration within) throws InterruptedException {
        return await(readyMessage, within, "did not start its capture");
    }

    /** For a relay: the agent's result message itself, passed on as it came. */
    AgentMessage.SideResult awaitResultMessage(Duration within) throws InterruptedException {
        AgentMessage.SideResult r = await(result, within, "gave no result");
        finished("ok");
        return r;
    }

    @Override
    public LbSide.Result finish(Duration within) throws InterruptedException {
        AgentMessage.SideResult r = await(result, within, "gave no result");
        try {
            LbSide.Result out = result(agent, r);
            finished("ok");
            return out;
        } catch (AgentException e) {
            finished("internal");
            throw e;
        }
    }

    /** The agent's side-result as the checklist takes it. */
    static LbSide.Result result(String agent, AgentMessage.SideResult r) {
        List<InetAddress> probed = new ArrayList<>();
        for (String t : r.probed() == null ? List.<String>of() : r.probed()) {
            InetAddress a = Addresses.literal(t);
            if (a != null) {
                probed.add(a);
            }
        }
        try {
            return new LbSide.Result(r.backends() == null ? List.of() : EvidenceWire.decode(r.backends()),
                    r.capture(), r.pcap() == null ? null : Base64.getDecoder().decode(r.pcap()), r.pcapTruncated(),
                    probed);
        } catch (IllegalArgumentException e) {
            throw new AgentException(AgentException.Kind.INTERNAL, "agent " + agent + " sent " + e.getMessage());
        }
    }

    @Override
    public void cancel() {
        registry.forget(session, id);
        finished("cancelled");
    }

    private <T> T await(CompletableFuture<T> f, Duration within, String what) throws InterruptedException {
        try {
            return f.get(Math.max(1, within.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            registry.forget(session, id);
            finished("timeout");
            throw new AgentException(AgentException.Kind.TIMEOUT, "agent " + agent + " " + what + " within "
                    + within.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AgentException a) {
                finished(a.kind() == AgentException.Kind.GONE ? "gone" : "error");
                throw a;
            }
            finished("internal");
            throw new AgentException(AgentException.Kind.INTERNAL, "agent " + agent + ": " + e.getCause());
        }
    }

    void finished(String outcome) {
        if (recorded.compareAndSet(false, true)) {
            registry.record(agent, command, "lb", outcome, System.nanoTime() - startedNanos);
        }
    }
}
