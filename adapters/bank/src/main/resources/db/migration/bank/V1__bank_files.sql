-- Every file Payrail sends to or receives from its bank, recorded before and after each transfer.
-- Banks often delete a file once they have read it, so this table (with the local archive) is the
-- only place that can still say exactly what was sent, when, and with which SHA-256 hash.
CREATE TABLE bank_file (
    id                    uuid PRIMARY KEY,
    direction             text NOT NULL CHECK (direction IN ('outbound', 'inbound')),
    file_name             text NOT NULL,
    kind                  text NOT NULL,
    state                 text NOT NULL,
    -- SHA-256 (hex) and size of the bytes on the wire: encrypted when PGP is on.
    sha256                text,
    size_bytes            bigint,
    -- SHA-256 (hex) of the plaintext (before encryption, after decryption).
    content_sha256        text,
    attempts              integer NOT NULL DEFAULT 0,
    archive_path          text,
    detail                text,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    transfer_started_at   timestamptz,
    transfer_finished_at  timestamptz,
    acknowledged_at       timestamptz,
    remote_modified_at    timestamptz
);

-- One outbound record per file name: the name is the file's identity at the bank, and a second
-- upload under the same name must find the first one instead of sending again.
CREATE UNIQUE INDEX bank_file_outbound_name ON bank_file (file_name) WHERE direction = 'outbound';
CREATE INDEX bank_file_outbound_hash ON bank_file (sha256) WHERE direction = 'outbound';
-- An inbound file is the same file when its name and hash are the same (banks reuse names daily).
CREATE UNIQUE INDEX bank_file_inbound_identity ON bank_file (file_name, sha256)
    WHERE direction = 'inbound' AND sha256 IS NOT NULL;
CREATE INDEX bank_file_state ON bank_file (direction, state);

-- Every state change of a bank file, so an operator can trace what happened and when.
CREATE TABLE bank_file_history (
    file_id      uuid NOT NULL REFERENCES bank_file (id),
    sequence     bigserial,
    at           timestamptz NOT NULL,
    from_state   text,
    to_state     text NOT NULL,
    detail       text,
    PRIMARY KEY (file_id, sequence)
);
