-- Agents on any replica (PostgreSQL, several replicas; agent/AgentRelay). Plain SQL that H2 runs too, so both stores
-- keep one schema history; only PostgreSQL replicas write these tables (H2 runs one replica, agents stay in memory).

-- Each replica's lease, renewed every third of netcheck.agent.relay-lease: the agents of a replica whose lease ran out
-- count as connected nowhere, and a job relayed to it fails.
CREATE TABLE agent_replica (
    replica     VARCHAR(200) PRIMARY KEY,
    lease_until BIGINT       NOT NULL
);

-- Which replica holds each agent's connection; a newer connection (later connected_at) replaces an older one.
CREATE TABLE agent_presence (
    agent        VARCHAR(100) PRIMARY KEY,
    replica      VARCHAR(200) NOT NULL,
    connected_at BIGINT       NOT NULL
);

-- Jobs relayed from the replica that took the request (requester) to the one holding the agent (replica), of kind
-- check (a check run on the agent) or side (the load balancer's side of a vip --from: peers, window_ms):
-- queued -> running (claimed by a compare-and-set on state) [-> ready, a side job's agent capturing: its side-ready
-- message] -> done, with the agent's result message (its JSON, with the bounded .pcap) or an error. The requester
-- deletes its row once read; rows past their deadline are pruned.
CREATE TABLE agent_relay_job (
    id          VARCHAR(64)   PRIMARY KEY,
    kind        VARCHAR(16)   NOT NULL,
    agent       VARCHAR(100)  NOT NULL,
    replica     VARCHAR(200)  NOT NULL,
    requester   VARCHAR(200)  NOT NULL,
    command     VARCHAR(4000) NOT NULL,
    timeout_ms  BIGINT        NOT NULL,
    peers       VARCHAR(4000),
    window_ms   BIGINT,
    state       VARCHAR(16)   NOT NULL,
    created_at  BIGINT        NOT NULL,
    deadline    BIGINT        NOT NULL,
    claimed_at  BIGINT,
    ready       VARCHAR(4000),
    result      TEXT,
    error_kind  VARCHAR(32),
    error       VARCHAR(4000)
);
CREATE INDEX agent_relay_job_by_replica ON agent_relay_job (replica, state);
CREATE INDEX agent_relay_job_by_deadline ON agent_relay_job (deadline);
