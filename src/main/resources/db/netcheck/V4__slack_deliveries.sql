-- Slack deliveries already taken (trigger_id, or the action's id), so that a retry Slack sends to another replica
-- starts no second run. Rows older than the dedupe window are deleted as new ones arrive.
CREATE TABLE slack_delivery (
    id       VARCHAR(255) PRIMARY KEY,
    seen_at  BIGINT       NOT NULL
);
CREATE INDEX slack_delivery_by_time ON slack_delivery (seen_at);
