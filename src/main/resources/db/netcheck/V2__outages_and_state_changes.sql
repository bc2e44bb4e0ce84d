-- When the open outage began, kept until its recovery has been announced (for "down for 42 min").
ALTER TABLE watch ADD COLUMN outage_since BIGINT;

-- Confirmed state changes, for the summaries' "n changes" and the history.
CREATE TABLE watch_change (
    watch_id    BIGINT       NOT NULL REFERENCES watch (id) ON DELETE CASCADE,
    at          BIGINT       NOT NULL,
    from_state  VARCHAR(16)  NOT NULL,
    to_state    VARCHAR(16)  NOT NULL
);
CREATE INDEX watch_change_by_time ON watch_change (watch_id, at);
