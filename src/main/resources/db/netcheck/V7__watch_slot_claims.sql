-- The latest slot (epoch ms) a replica claimed a watch run for. With several replicas (PostgreSQL) a run starts only
-- after a compare-and-set on this column moved it forward, so no slot of a watch runs twice, whatever the scheduler
-- does. (V6 is PostgreSQL's own: the clustered scheduler's Quartz tables, db/netcheck-postgresql.)
ALTER TABLE watch ADD COLUMN claimed_slot BIGINT;
