-- Reports kept for the "Post to incident channel" button (bounded in count and age by the app), in the store so
-- that any replica, or a restarted one, can handle the click. report: the report as JSON (without its typed
-- evidence); pcap: the capture's bytes, the file itself is deleted once uploaded.
CREATE TABLE kept_report (
    id         VARCHAR(36)   PRIMARY KEY,
    kept_at    BIGINT        NOT NULL,
    channel    VARCHAR(32),
    ts         VARCHAR(32),
    user_id    VARCHAR(32),
    report     TEXT          NOT NULL,
    pcap_name  VARCHAR(255),
    pcap       BYTEA
);
CREATE INDEX kept_report_by_time ON kept_report (kept_at);
