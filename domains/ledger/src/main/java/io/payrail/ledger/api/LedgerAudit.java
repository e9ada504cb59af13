package io.payrail.ledger.api;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Checks the books from the committed rows alone, in one snapshot: per ledger, debits posted equal
 * credits posted and debits pending equal credits pending; every account's balances equal the sum of
 * its journal entries; every post or void resolves exactly one pending transfer, at most once; journal
 * positions are dense; every transfer's accounts exist on the transfer's ledger. Sums are numeric, so
 * the audit itself cannot overflow. An account's balances are read as every other read gets them (view
 * {@code ledger_account_current}: those kept with its latest journal row), so the audit checks what
 * callers see against the journal's sums. Backs {@code payrail audit}.
 */
public final class LedgerAudit {
    private static final String HELD = "CASE WHEN flags & 2 <> 0 THEN amount::numeric WHEN flags & 12 <> 0 "
            + "THEN -held ELSE 0 END";
    private static final String POSTED = "CASE WHEN flags & 10 = 0 THEN amount::numeric ELSE 0 END";

    private static final List<String> CHECKS = List.of(
            "SELECT 'ledger ' || ledger || ': debits posted ' || sum(debits_posted) || ' <> credits posted '"
                    + " || sum(credits_posted) || ' or debits pending ' || sum(debits_pending) || ' <> credits pending '"
                    + " || sum(credits_pending) FROM ledger_account_current GROUP BY ledger"
                    + " HAVING sum(debits_posted) <> sum(credits_posted) OR sum(debits_pending) <> sum(credits_pending)",
            "WITH moves AS (SELECT t.debit_account_id AS account, t.flags, t.amount, h.amount::numeric AS held, true AS debit"
                    + " FROM ledger_transfer t LEFT JOIN ledger_transfer h ON h.id = t.pending_id"
                    + " UNION ALL SELECT t.credit_account_id, t.flags, t.amount, h.amount::numeric, false"
                    + " FROM ledger_transfer t LEFT JOIN ledger_transfer h ON h.id = t.pending_id),"
                    + " sums AS (SELECT account,"
                    + " sum(CASE WHEN debit THEN " + HELD + " ELSE 0 END) AS dp,"
                    + " sum(CASE WHEN debit THEN " + POSTED + " ELSE 0 END) AS dpo,"
                    + " sum(CASE WHEN NOT debit THEN " + HELD + " ELSE 0 END) AS cp,"
                    + " sum(CASE WHEN NOT debit THEN " + POSTED + " ELSE 0 END) AS cpo FROM moves GROUP BY account)"
                    + " SELECT 'account ' || coalesce(a.id, s.account) || ': balances ' || coalesce(a.debits_pending || '/'"
                    + " || a.debits_posted || '/' || a.credits_pending || '/' || a.credits_posted, 'missing')"
                    + " || ' but entries sum to ' || coalesce(s.dp, 0) || '/' || coalesce(s.dpo, 0) || '/'"
                    + " || coalesce(s.cp, 0) || '/' || coalesce(s.cpo, 0)"
                    + " FROM ledger_account_current a FULL JOIN sums s ON s.account = a.id"
                    + " WHERE a.id IS NULL OR a.debits_pending <> coalesce(s.dp, 0) OR a.debits_posted <> coalesce(s.dpo, 0)"
                    + " OR a.credits_pending <> coalesce(s.cp, 0) OR a.credits_posted <> coalesce(s.cpo, 0)",
            "SELECT 'transfer ' || t.id || ' resolves ' || t.pending_id || ' which is not a pending transfer'"
                    + " FROM ledger_transfer t LEFT JOIN ledger_transfer h ON h.id = t.pending_id"
                    + " WHERE t.flags & 12 <> 0 AND (h.id IS NULL OR h.flags & 2 = 0)",
            "SELECT 'pending transfer ' || pending_id || ' is resolved ' || count(*) || ' times'"
                    + " FROM ledger_transfer WHERE flags & 12 <> 0 GROUP BY pending_id HAVING count(*) > 1",
            "SELECT 'ledger ' || ledger || ': journal has ' || count(*) || ' rows but positions reach ' || max(position)"
                    + " FROM ledger_transfer GROUP BY ledger HAVING count(*) <> max(position) OR min(position) <> 1",
            "SELECT 'transfer ' || t.id || ' on ledger ' || t.ledger || ' names an account on another ledger'"
                    + " FROM ledger_transfer t JOIN ledger_account d ON d.id = t.debit_account_id"
                    + " JOIN ledger_account c ON c.id = t.credit_account_id"
                    + " WHERE d.ledger <> t.ledger OR c.ledger <> t.ledger");

    private LedgerAudit() {}

    public static AuditReport run(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try (Statement statement = connection.createStatement()) {
                List<String> breaks = new ArrayList<>();
                for (String check : CHECKS) {
                    collect(statement, check, breaks);
                }
                AuditReport report = new AuditReport(count(statement, "ledger_ledger"), count(statement, "ledger_account"),
                        count(statement, "ledger_transfer"), List.copyOf(breaks));
                connection.rollback();
                return report;
            }
        } catch (SQLException failure) {
            throw new LedgerUnavailableException("audit could not read the ledger: " + failure.getMessage(), failure);
        }
    }

    private static void collect(Statement statement, String sql, List<String> breaks) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next() && breaks.size() < AuditReport.BREAKS_MAX) {
                breaks.add(rows.getString(1));
            }
        }
    }

    private static long count(Statement statement, String table) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
