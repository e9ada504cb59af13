-- Leases: the few things that must have one writer at a time (a ledger's writer, the scheduler's
-- tick claimer) hold a lease; the epoch grows on every takeover and fences stale writers.
CREATE TABLE lease (
    name        text PRIMARY KEY,
    holder      text NOT NULL,
    epoch       bigint NOT NULL,
    expires_at  timestamptz NOT NULL
);
