-- API keys: only the SHA-256 of the key is stored (the key has 256 random bits, so a fast hash is
-- safe); key_prefix is the clear beginning of the key, to tell keys apart in lists.
CREATE TABLE api_key (
    id          uuid PRIMARY KEY,
    key_hash    bytea NOT NULL UNIQUE,
    key_prefix  text NOT NULL,
    tenant_id   text NOT NULL,
    role        text NOT NULL CHECK (role IN ('admin', 'writer', 'reader')),
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX api_key_tenant ON api_key (tenant_id);

-- Idempotency keys, scoped per tenant. The row is inserted at the start of the request's
-- transaction and completed with the response in the same transaction, so a committed row always
-- carries its response and a rolled-back request leaves no row.
CREATE TABLE idempotency_key (
    tenant_id         text NOT NULL,
    idempotency_key   text NOT NULL,
    request_hash      bytea NOT NULL,
    response_status   integer,
    response_type     text,
    response_headers  text,
    response_body     bytea,
    created_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key)
) WITH (fillfactor = 80);
-- Rows arrive in created_at order, so a BRIN index finds the expired ones for the cleanup at a
-- fraction of a B-tree's cost on every insert (the hot path of every POST).
CREATE INDEX idempotency_key_created_at ON idempotency_key USING brin (created_at);
