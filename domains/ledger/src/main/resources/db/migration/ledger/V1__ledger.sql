-- Ledgers: one currency per ledger, fixed at registration.
CREATE TABLE ledger_ledger (
    ledger      integer PRIMARY KEY CHECK (ledger > 0),
    currency    char(3) NOT NULL,
    created_at  timestamptz NOT NULL
);

-- Accounts: identity never changes; the four balances are rewritten by the ledger's single writer,
-- once per batch per touched account, always equal to the sum of the account's transfers.
CREATE TABLE ledger_account (
    id                  uuid PRIMARY KEY,
    tenant              text NOT NULL,
    ledger              integer NOT NULL REFERENCES ledger_ledger (ledger),
    code                integer NOT NULL,
    flags               integer NOT NULL,
    debits_pending      bigint NOT NULL CHECK (debits_pending >= 0),
    debits_posted       bigint NOT NULL CHECK (debits_posted >= 0),
    credits_pending     bigint NOT NULL CHECK (credits_pending >= 0),
    credits_posted      bigint NOT NULL CHECK (credits_posted >= 0),
    metadata            text,
    external_reference  text,
    created_at          timestamptz NOT NULL
);
CREATE INDEX ledger_account_by_ledger ON ledger_account (ledger);

-- Transfers: the journal. Rows are only ever inserted. The position is assigned by the ledger's single
-- writer in apply order and batches commit in that order, so a reader following positions upwards
-- never sees a later position before an earlier one. Balances after the transfer are kept only for
-- accounts with the history flag ({debits_pending, debits_posted, credits_pending, credits_posted}).
CREATE TABLE ledger_transfer (
    ledger             integer NOT NULL,
    position           bigint NOT NULL,
    id                 uuid NOT NULL,
    debit_account_id   uuid NOT NULL,
    credit_account_id  uuid NOT NULL,
    amount             bigint NOT NULL CHECK (amount >= 0),
    requested_amount   bigint NOT NULL,
    pending_id         uuid,
    code               integer NOT NULL,
    flags              integer NOT NULL,
    timeout_seconds    bigint NOT NULL,
    metadata           text,
    created_at         timestamptz NOT NULL,
    debit_balances     bigint[],
    credit_balances    bigint[],
    PRIMARY KEY (ledger, position)
);
CREATE UNIQUE INDEX ledger_transfer_by_id ON ledger_transfer (id);
CREATE INDEX ledger_transfer_by_debit_account ON ledger_transfer (debit_account_id, position);
CREATE INDEX ledger_transfer_by_credit_account ON ledger_transfer (credit_account_id, position);

-- Ids burnt by a transient failure (for example exceeds_credits): a retry answers id_already_failed.
CREATE TABLE ledger_failed_transfer (
    id          uuid PRIMARY KEY,
    ledger      integer NOT NULL,
    result      integer NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX ledger_failed_transfer_by_ledger ON ledger_failed_transfer (ledger);
