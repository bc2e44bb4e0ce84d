package io.netcheck.agent;

import io.netcheck.check.LbSide;
import io.netcheck.config.NetcheckConfig;
import io.netcheck.store.StoreUnavailable;
import io.netcheck.store.StoreUrl;
import io.netcheck.store.WatchStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.jboss.logging.Logger;

/**
 * Where a job for an agent goes: this replica's connection, or, on PostgreSQL with several replicas, the replica
 * holding the agent ({@link AgentRelay}). On H2 (one replica) and in the CLI nothing of the relay is started and every
 * job goes to the registry as before.
 */
@ApplicationScoped
public class AgentRouting {
    private static final Logger LOG = Logger.getLogger(AgentRouting.class);

    private final AgentRegistry registry;
    private final NetcheckConfig config;
    private final Clock clock;
    private final Instance<WatchStore> stores;
    private volatile AgentRelay relay;
    private volatile PgRelayStore pgStore;
    private volatile boolean stopping;
    private Thread loop;
    private ExecutorService jobs;
    private ExecutorService presence;

    @Inject
    public AgentRouting(AgentRegistry registry, NetcheckConfig config, Clock clock, Instance<WatchStore> stores) {
        this.registry = registry;
        this.config = config;
        this.clock = clock;
        this.stores = stores;
    }

    /** Runs a check on the agent wherever it is connected (see {@link AgentRegistry#run}). */
    public AgentMessage.Result run(String agent, String command, Duration budget) throws InterruptedException {
        AgentRelay r = relay;
        return r == null ? registry.run(agent, command, budget) : r.run(agent, command, budget);
    }

    /**
     * Starts the load balancer's side of a vip --from on the agent wherever it is connected (see
     * {@link AgentRegistry#startSide}); relayed, its ready and result come back through the store.
     */
    public LbSide.Started startSide(String agent, String command, List<String> peers, Duration window) {
        AgentRelay r = relay;
        if (r == null || registry.connected(agent)) {
            return registry.startSide(agent, command, peers, window);
        }
        return r.startSide(agent, command, peers, window, registry.jobTimeout());
    }

    void start(@Observes StartupEvent event) {
        if (!config.store().enabled() || !postgres()) {
            return;
        }
        loop = new Thread(this::serve, "netcheck-agent-relay");
        loop.setDaemon(true);
        loop.start();
    }

    private boolean postgres() {
        try {
            return StoreUrl.parse(config.store().url()).kind() == StoreUrl.Kind.POSTGRESQL;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Waits for the store's schema, then ticks on every notification and at least every poll interval. */
    private void serve() {
        Duration poll = config.agent().relayPoll();
        try {
            WatchStore store = stores.get();
            while (!stopping) {
                try {
                    store.migrate(); // the scheduler migrates too: the second call finds nothing to do
                    break;
                } catch (StoreUnavailable e) {
                    LOG.warnf("agent relay waits for the store: %s", e.getMessage());
                    Thread.sleep(Math.max(1000, poll.toMillis()) * 5);
                }
            }
            jobs = Executors.newCachedThreadPool(daemons("netcheck-agent-relay-job"));
            presence = Executors.newSingleThreadExecutor(daemons("netcheck-agent-presence"));
            pgStore = new PgRelayStore(store.connections());
            AgentRelay r = new AgentRelay(pgStore, registry, replicaId(), clock, config.agent().relayLease(), jobs,
                    presence);
            r.tick(); // the lease first, so that the presences written next count
            registry.listen(r);
            relay = r;
            LOG.infof("agents on any replica: this replica is %s in %s (lease %s)", r.replica(), store.describe(),
                    config.agent().relayLease());
            while (!stopping) {
                try {
                    pgStore.await(poll);
                    r.tick();
                } catch (RuntimeException e) {
                    LOG.warnf("agent relay: %s", e.getMessage());
                    Thread.sleep(poll.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "agent relay stopped: jobs reach only the agents connected to this replica");
            relay = null;
        } finally {
            if (pgStore != null) {
                pgStore.close();
            }
        }
    }

    /** The pod's name, pid and start time: a restarted replica is a new one. */
    private static String replicaId() {
        String host = System.getenv("HOSTNAME");
        return (host == null || host.isBlank() ? "netcheck" : host) + "-" + ProcessHandle.current().pid() + "-"
                + System.currentTimeMillis();
    }

    private static ThreadFactory daemons(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        AgentRelay r = relay;
        relay = null;
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(config.agent().relayPoll().toMillis() + 1000); // it gives its listening connection back
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (r != null) {
            r.stop();
        }
        if (jobs != null) {
            jobs.shutdownNow();
            presence.shutdownNow();
        }
    }
}
