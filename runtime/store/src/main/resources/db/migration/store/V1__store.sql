-- The event store. One table holds every event: its place in the global log (position) and in its
-- stream (revision). Indexes are kept to the three every read needs, because each index is paid on
-- every append.
CREATE TABLE store_event (
    position        bigint      PRIMARY KEY,
    stream          text        NOT NULL,
    revision        bigint      NOT NULL,
    event_id        uuid        NOT NULL,
    type            text        NOT NULL,
    source          text        NOT NULL,
    subject         text,
    time            timestamptz NOT NULL,
    schema_version  integer     NOT NULL,
    trace_id        text,
    causation_id    text,
    correlation_id  text,
    tenant_id       text,
    metadata        jsonb,
    data            jsonb       NOT NULL,
    recorded_at     timestamptz NOT NULL,
    CONSTRAINT store_event_stream_revision UNIQUE (stream, revision),
    CONSTRAINT store_event_revision_natural CHECK (revision >= 0),
    CONSTRAINT store_event_position_positive CHECK (position >= 1)
);

-- recorded_at never decreases along the log (the appender makes it so under the log lock), so a
-- BRIN index answers "first position at or after a time" at almost no cost per append.
CREATE INDEX store_event_recorded_at ON store_event USING brin (recorded_at);

-- The head of the log: the last position handed out and the last recorded_at. Exactly one row. It
-- is updated only while holding the log lock, so positions are contiguous and commit in order, and
-- a rolled-back append gives its positions back.
CREATE TABLE store_log_head (
    id          integer     PRIMARY KEY CHECK (id = 1),
    position    bigint      NOT NULL,
    recorded_at timestamptz NOT NULL
);
INSERT INTO store_log_head (id, position, recorded_at) VALUES (1, 0, '1970-01-01T00:00:00Z');

-- Snapshots of aggregates: the folded state of a stream at a revision, per reducer (kind), so a
-- changed reducer can start afresh under a new kind instead of trusting an old state.
CREATE TABLE store_snapshot (
    stream      text        NOT NULL,
    kind        text        NOT NULL,
    revision    bigint      NOT NULL,
    state       jsonb       NOT NULL,
    taken_at    timestamptz NOT NULL,
    PRIMARY KEY (stream, kind)
);
