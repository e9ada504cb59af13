package io.payrail.app.cli;

import io.payrail.app.LocalDatabase;
import io.payrail.ledger.api.AuditReport;
import io.payrail.ledger.api.LedgerAudit;
import io.payrail.platform.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code payrail audit}: for every ledger, debits equal credits (posted and pending), and every
 * account's balances equal the sum of its entries. Exits 2 on any break, so scripts can alert on it.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check the ledger's invariants; exits non-zero (2) on any break.")
public final class AuditCommand implements Callable<Integer> {
    /** Distinct from 1 (bad input) so a monitor can tell a broken ledger from a typo. */
    static final int EXIT_BREAKS_FOUND = 2;

    @Override
    public Integer call() {
        try (Database database = LocalDatabase.openForCommand(2)) {
            AuditReport report = LedgerAudit.run(database.dataSource());
            System.out.println(report.format());
            return report.ok() ? 0 : EXIT_BREAKS_FOUND;
        }
    }
}
