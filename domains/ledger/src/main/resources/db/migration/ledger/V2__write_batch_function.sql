-- One batch of the ledger's single writer, as a function so that its statements' plans are cached by
-- the session (PL/pgSQL prepares each statement once, then reuses a generic plan) instead of planning
-- one large statement per batch. Called in auto-commit mode (one round trip, one implicit transaction
-- committed with the batch), or inside an explicit transaction for a batch whose journal rows follow by COPY.
--
-- Fence: the lease row is read FOR SHARE; the share lock is held until the batch commits, so a takeover
-- (which updates that row) waits for this batch and then loads state including it. When the epoch is no
-- longer the writer's, nothing is written and the epoch seen is returned (-1: no lease row). When a write
-- touches fewer rows than expected, the function raises, which aborts the whole transaction: a batch is
-- written entirely or not at all. Balances are absolute values computed by the writer in memory.
CREATE FUNCTION ledger_write_batch(
    lease_name text, writer_epoch bigint, ledger_number integer, batch_time timestamptz,
    account_ids uuid[], debits_pending bigint[], debits_posted bigint[], credits_pending bigint[],
    credits_posted bigint[],
    positions bigint[], transfer_ids uuid[], debit_account_ids uuid[], credit_account_ids uuid[], amounts bigint[],
    requested_amounts bigint[], pending_ids uuid[], codes integer[], transfer_flags integer[],
    timeouts bigint[], metadata text[], debit_balances text[], credit_balances text[],
    failed_ids uuid[], failed_results integer[])
RETURNS bigint
LANGUAGE plpgsql AS $$
#variable_conflict use_variable
DECLARE
    fenced bigint;
    written bigint;
BEGIN
    SELECT l.epoch INTO fenced FROM lease l WHERE l.name = lease_name FOR SHARE;
    IF fenced IS DISTINCT FROM writer_epoch THEN
        RETURN coalesce(fenced, -1);
    END IF;
    IF cardinality(account_ids) > 0 THEN
        UPDATE ledger_account a SET debits_pending = v.debits_pending, debits_posted = v.debits_posted,
            credits_pending = v.credits_pending, credits_posted = v.credits_posted
        FROM unnest(account_ids, debits_pending, debits_posted, credits_pending, credits_posted)
            AS v(id, debits_pending, debits_posted, credits_pending, credits_posted)
        WHERE a.id = v.id;
        GET DIAGNOSTICS written = ROW_COUNT;
        IF written <> cardinality(account_ids) THEN
            RAISE EXCEPTION 'ledger batch aborted: % of % account rows updated', written, cardinality(account_ids);
        END IF;
    END IF;
    IF cardinality(positions) > 0 THEN
        INSERT INTO ledger_transfer (ledger, position, id, debit_account_id, credit_account_id, amount,
            requested_amount, pending_id, code, flags, timeout_seconds, metadata, created_at, debit_balances,
            credit_balances)
        SELECT ledger_number, u.position, u.id, u.debit_account_id, u.credit_account_id, u.amount,
            u.requested_amount, u.pending_id, u.code, u.flags, u.timeout_seconds, u.metadata, batch_time,
            u.debit_balances::bigint[], u.credit_balances::bigint[]
        FROM unnest(positions, transfer_ids, debit_account_ids, credit_account_ids, amounts, requested_amounts,
            pending_ids, codes, transfer_flags, timeouts, metadata, debit_balances, credit_balances)
            AS u(position, id, debit_account_id, credit_account_id, amount, requested_amount, pending_id, code,
            flags, timeout_seconds, metadata, debit_balances, credit_balances);
        GET DIAGNOSTICS written = ROW_COUNT;
        IF written <> cardinality(positions) THEN
            RAISE EXCEPTION 'ledger batch aborted: % of % journal rows inserted', written, cardinality(positions);
        END IF;
    END IF;
    IF cardinality(failed_ids) > 0 THEN
        INSERT INTO ledger_failed_transfer (id, ledger, result, created_at)
        SELECT b.id, ledger_number, b.result, batch_time FROM unnest(failed_ids, failed_results) AS b(id, result);
        GET DIAGNOSTICS written = ROW_COUNT;
        IF written <> cardinality(failed_ids) THEN
            RAISE EXCEPTION 'ledger batch aborted: % of % burnt ids inserted', written, cardinality(failed_ids);
        END IF;
    END IF;
    RETURN fenced;
END
$$;
