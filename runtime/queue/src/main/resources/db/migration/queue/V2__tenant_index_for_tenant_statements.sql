-- queue_message_tenant becomes a partial index that only statements naming a tenant condition can use.
--
-- Why: a vacuum that runs while a queue is empty (autovacuum does, after a minute idle) records zero
-- rows per page. From then on the planner takes any backlog for one row, and for a lookup by
-- `id = ANY(...)` (the receive's update, the shared delete) it cannot tell the primary key from a walk
-- of this whole index, which holds id as its third column; it chose the walk (EXPLAIN ANALYZE on a
-- 200,000-message backlog: 1,576 index pages and 19 ms per statement, against 4 pages and 0.09 ms
-- through the primary key). A partial index is a candidate only when the statement's conditions prove
-- its predicate: the tenant statements do (their conditions on tenant_id are strict, so they imply
-- IS NOT NULL), a lookup by id does not. tenant_id is NOT NULL, so the index still holds every row.
-- Statements that select a queue's messages without naming a tenant add `tenant_id >= ''` (true of
-- every text in the "C" collation) to use it (Sql.everyTenant).
--
-- The table is locked while the index is built: queue tables hold backlogs, not history, so this is short.
DROP INDEX queue_message_tenant;
CREATE INDEX queue_message_tenant ON queue_message (queue_id, tenant_id, id) WHERE tenant_id IS NOT NULL;
