-- Queues with SQS semantics on PostgreSQL. See docs/queue.md for the design.

-- One row per queue. Name and type never change after creation; the rest is configuration.
CREATE TABLE queue_definition (
    id                          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                        text COLLATE "C" NOT NULL UNIQUE,
    fifo                        boolean NOT NULL,
    visibility_timeout_millis   bigint NOT NULL,
    max_receive_count           integer NOT NULL,
    dead_letter_queue_id        integer REFERENCES queue_definition (id),
    retention_millis            bigint NOT NULL,
    deduplication_window_millis bigint NOT NULL,
    backoff_base_millis         bigint NOT NULL,
    backoff_max_millis          bigint NOT NULL
);

CREATE SEQUENCE queue_message_id AS bigint;

-- Every message of every queue (dead-letter queues are queues). A row lives from send to delete:
-- acknowledging deletes it, so the table holds the backlog and in-flight messages only.
-- The indexes hold only columns that never change while the message lives, so a receive, a
-- visibility change or a failure (which change visible_at, receive_count, receipt_token,
-- attempts) are HOT updates: fillfactor leaves room on each page for the new row version and no
-- index gets a new entry. Vacuum is set to run early and without throttling on this churning table.
CREATE TABLE queue_message (
    id              bigint PRIMARY KEY DEFAULT nextval('queue_message_id'),
    queue_id        integer NOT NULL,
    tenant_id       text COLLATE "C" NOT NULL,
    message_group   text COLLATE "C",
    visible_at      timestamptz NOT NULL,
    sent_at         timestamptz NOT NULL,
    receive_count   integer NOT NULL DEFAULT 0,
    receipt_token   bigint NOT NULL DEFAULT 0,
    trace_id        text,
    correlation_id  text,
    causation_id    text,
    body            text NOT NULL,
    source_queue_id integer,
    failure_reason  text,
    attempts        jsonb
) WITH (
    fillfactor = 50,
    autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_insert_scale_factor = 0.01,
    autovacuum_vacuum_cost_delay = 0,
    autovacuum_analyze_scale_factor = 0.02
);
ALTER SEQUENCE queue_message_id OWNED BY queue_message.id;

-- Serves the per-tenant receive (round robin over tenants with ready messages) and listings.
CREATE INDEX queue_message_tenant ON queue_message (queue_id, tenant_id, id);
-- Serves the FIFO receive: the head (lowest id) of each message group.
CREATE INDEX queue_message_group ON queue_message (queue_id, message_group, id) WHERE message_group IS NOT NULL;

-- Deduplication ids seen within each queue's window; expired rows are reused or swept.
CREATE TABLE queue_deduplication (
    queue_id         integer NOT NULL,
    deduplication_id text NOT NULL,
    message_id       bigint NOT NULL,
    expires_at       timestamptz NOT NULL,
    PRIMARY KEY (queue_id, deduplication_id)
);

-- The loose index scans of the receive: one probe finds the next tenant (or message group) after a
-- key. They must walk the index in key order and stop at the first hit; on a churning table with
-- stale statistics the planner may instead pick a bitmap scan and sort every row of the queue, so
-- these functions pin the plan. (SQL functions with SET clauses are not inlined, so the settings
-- apply to exactly these statements.)
CREATE FUNCTION queue_next_ready_tenant(queue integer, after_tenant text) RETURNS text
LANGUAGE sql STABLE
SET enable_bitmapscan = off SET enable_seqscan = off SET enable_sort = off
AS $$
    SELECT m.tenant_id FROM queue_message m
    WHERE m.queue_id = queue AND m.tenant_id > after_tenant AND m.visible_at <= now()
    ORDER BY m.tenant_id LIMIT 1
$$;

CREATE FUNCTION queue_next_group_head(queue integer, after_group text,
                                      OUT message_group text, OUT id bigint, OUT visible_at timestamptz)
LANGUAGE sql STABLE
SET enable_bitmapscan = off SET enable_seqscan = off SET enable_sort = off
AS $$
    SELECT m.message_group, m.id, m.visible_at FROM queue_message m
    WHERE m.queue_id = queue AND m.message_group IS NOT NULL AND m.message_group > after_group
    ORDER BY m.message_group, m.id LIMIT 1
$$;

-- Locks up to row_limit ready messages of one tenant, oldest first, skipping rows other receivers
-- hold; the same plan pinning keeps it an ordered index scan that stops after row_limit rows.
CREATE FUNCTION queue_lock_ready(queue integer, tenant text, row_limit integer) RETURNS SETOF bigint
LANGUAGE sql VOLATILE
SET enable_bitmapscan = off SET enable_seqscan = off SET enable_sort = off
AS $$
    SELECT m.id FROM queue_message m
    WHERE m.queue_id = queue AND m.tenant_id = tenant AND m.visible_at <= now()
    ORDER BY m.id LIMIT row_limit
    FOR UPDATE SKIP LOCKED
$$;
