-- The report JSON (schema/report-v1.json) of each target's last healthy run, for "what changed since it last
-- worked". One row per target ("vip app.svc.test:443"), replaced by each healthy run; the store keeps at most
-- WatchStore.HEALTHY_REPORTS_KEPT rows (the oldest go first) and prunes them with the results' retention.
CREATE TABLE healthy_report (
    target      VARCHAR(1000) NOT NULL PRIMARY KEY,
    at          BIGINT        NOT NULL,
    report      TEXT          NOT NULL
);
CREATE INDEX healthy_report_by_time ON healthy_report (at);
