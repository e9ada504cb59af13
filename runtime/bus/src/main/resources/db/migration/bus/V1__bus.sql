-- Subscriptions: one durable cursor per named consumer of the log. The epoch grows on every
-- replay, so a worker that still runs the old epoch cannot move the cursor (its update is fenced
-- by "WHERE epoch = ?") and a replay is never mistaken for duplicates.
CREATE TABLE bus_subscription (
    name            text PRIMARY KEY,
    -- Second key of the session advisory lock that lets one node at a time process this subscription.
    lock_id         integer GENERATED ALWAYS AS IDENTITY UNIQUE,
    position        bigint NOT NULL CHECK (position >= 0),
    epoch           bigint NOT NULL CHECK (epoch >= 1),
    -- The epoch whose reset hook has run; lower than epoch while a replay waits for its reset.
    reset_epoch     bigint NOT NULL,
    -- While replaying: the head position when the replay was asked, and the rate cap (events/s).
    replay_until    bigint,
    replay_rate     integer CHECK (replay_rate IS NULL OR replay_rate > 0),
    -- Bumped by operators' requests (redrive) so the owning worker notices them.
    control_version bigint NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

-- Events a subscription gave up on after its attempts, and the later events of the same partition
-- key held behind them (attempts = 0) so that per-key order survives a poison event.
CREATE TABLE bus_parked_event (
    subscription      text NOT NULL REFERENCES bus_subscription (name),
    position          bigint NOT NULL,
    partition_key     text NOT NULL,
    event_id          uuid NOT NULL,
    event_type        text NOT NULL,
    attempts          integer NOT NULL CHECK (attempts >= 0),
    reason            text NOT NULL,
    redrive_requested boolean NOT NULL DEFAULT false,
    parked_at         timestamptz NOT NULL,
    PRIMARY KEY (subscription, position)
);

CREATE INDEX bus_parked_event_by_key ON bus_parked_event (subscription, partition_key, position);
