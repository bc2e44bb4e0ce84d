package io.netcheck.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link RelayStore} in memory, with PgRelayStore's rules (the lease join, the compare-and-set), for unit tests. */
final class MemoryRelayStore implements RelayStore {
    private final Map<String, Instant> leases = new HashMap<>();
    private final Map<String, Presence> presences = new HashMap<>();
    private final Map<String, RelayJob> jobs = new LinkedHashMap<>();
    private final Map<String, String> states = new HashMap<>();
    private final Map<String, Outcome> outcomes = new HashMap<>();
    private final Map<String, String> readies = new HashMap<>();
    /** The owner dies before writing an outcome: finish fails, as a killed replica's would never happen. */
    volatile boolean finishFails;

    @Override
    public synchronized void renew(String replica, Instant until) {
        leases.put(replica, until);
    }

    @Override
    public synchronized void release(String replica) {
        leases.remove(replica);
        presences.values().removeIf(p -> p.replica().equals(replica));
    }

    @Override
    public synchronized void present(String agent, String replica, Instant since, Instant now) {
        Presence old = presences.get(agent);
        Instant lease = old == null ? null : leases.get(old.replica());
        if (old == null || old.replica().equals(replica) || !old.connectedAt().isAfter(since)
                || lease == null || !lease.isAfter(now)) {
            presences.put(agent, new Presence(agent, replica, since));
        }
    }

    @Override
    public synchronized void absent(String agent, String replica) {
        Presence p = presences.get(agent);
        if (p != null && p.replica().equals(replica)) {
            presences.remove(agent);
        }
    }

    @Override
    public synchronized List<Presence> presences(Instant now) {
        return presences.values().stream().filter(p -> leases.containsKey(p.replica())
                && leases.get(p.replica()).isAfter(now)).sorted(Comparator.comparing(Presence::agent)).toList();
    }

    @Override
    public synchronized Optional<Instant> leaseOf(String replica) {
        return Optional.ofNullable(leases.get(replica));
    }

    @Override
    public synchronized void submit(RelayJob job) {
        jobs.put(job.id(), job);
        states.put(job.id(), "queued");
    }

    @Override
    public synchronized List<RelayJob> queued(String replica) {
        return new ArrayList<>(jobs.values().stream().filter(j -> j.replica().equals(replica)
                && "queued".equals(states.get(j.id()))).toList());
    }

    @Override
    public synchronized boolean claim(String id, String replica, Instant at) {
        RelayJob j = jobs.get(id);
        if (j == null || !j.replica().equals(replica) || !"queued".equals(states.get(id))) {
            return false;
        }
        states.put(id, "running");
        return true;
    }

    @Override
    public synchronized void ready(String id, String message) {
        if ("running".equals(states.get(id))) {
            states.put(id, "ready");
            readies.put(id, message);
        }
    }

    @Override
    public synchronized Optional<String> readyOf(String id) {
        return Optional.ofNullable(readies.get(id));
    }

    @Override
    public synchronized void finish(String id, Outcome outcome) {
        if (finishFails) {
            throw new IllegalStateException("replica killed");
        }
        if ("running".equals(states.get(id)) || "ready".equals(states.get(id))) {
            states.put(id, "done");
            outcomes.put(id, outcome);
        }
    }

    @Override
    public synchronized Optional<Outcome> outcome(String id) {
        return "done".equals(states.get(id)) ? Optional.of(outcomes.get(id)) : Optional.empty();
    }

    @Override
    public synchronized boolean claimed(String id) {
        String s = states.get(id);
        return s != null && !s.equals("queued");
    }

    @Override
    public synchronized void forget(String id) {
        jobs.remove(id);
        states.remove(id);
        outcomes.remove(id);
        readies.remove(id);
    }

    @Override
    public synchronized void prune(Instant before) {
        List<String> old = jobs.values().stream().filter(j -> j.deadline().isBefore(before)).map(RelayJob::id).toList();
        old.forEach(this::forget);
        leases.values().removeIf(t -> t.isBefore(before));
        presences.values().removeIf(p -> !leases.containsKey(p.replica()));
    }

    @Override
    public boolean await(Duration max) {
        return false;
    }

    synchronized int rows() {
        return jobs.size();
    }
}
