-- Concurrency slots: a function's reserved concurrency N is N session advisory locks
-- (function key, slot key base | slot), held by a dedicated connection for as long as an attempt's
-- thread runs. This function claims the first free slot in one round trip, or answers -1.
-- It takes at most one lock: it returns as soon as one try succeeds.
CREATE FUNCTION function_slot_try_claim(function_key integer, slot_key_base integer, slot_count integer)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    slot integer;
BEGIN
    FOR slot IN 0 .. slot_count - 1 LOOP
        IF pg_try_advisory_lock(function_key, slot_key_base | slot) THEN
            RETURN slot;
        END IF;
    END LOOP;
    RETURN -1;
END
$$;

-- The first time any node saw a schedule: ticks before it were never due, so never missed.
CREATE TABLE schedule_anchor (
    schedule       text PRIMARY KEY,
    first_seen_at  timestamptz NOT NULL
);

-- One row per schedule tick, inserted by the node that claims it (INSERT ... ON CONFLICT DO NOTHING):
-- the primary key is what makes a tick fire once however many nodes run the scheduler.
CREATE TABLE schedule_tick (
    schedule          text NOT NULL,
    tick_time         timestamptz NOT NULL,
    status            text NOT NULL CHECK (status IN ('claimed', 'delivered', 'skipped', 'abandoned')),
    missed_ticks      integer NOT NULL DEFAULT 0,
    claim_token       uuid,
    claimed_by        text,
    claim_expires_at  timestamptz,
    attempts          integer NOT NULL DEFAULT 0,
    delivered_at      timestamptz,
    PRIMARY KEY (schedule, tick_time)
);

-- Claimed ticks whose claim lapsed are found by expiry time.
CREATE INDEX schedule_tick_claimed ON schedule_tick (claim_expires_at) WHERE status = 'claimed';
