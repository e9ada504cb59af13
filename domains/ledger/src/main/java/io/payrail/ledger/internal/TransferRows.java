package io.payrail.ledger.internal;

import io.payrail.ledger.api.Balances;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Maps journal rows to transfer records. */
public final class TransferRows {
    public static final String COLUMNS = "ledger, position, id, debit_account_id, credit_account_id, amount, "
            + "requested_amount, pending_id, code, flags, timeout_seconds, metadata, created_at, debit_balances, "
            + "credit_balances";

    private TransferRows() {}

    public static TransferRecord read(ResultSet row) throws SQLException {
        return new TransferRecord(row.getObject("id", UUID.class), row.getInt("ledger"), row.getLong("position"),
                row.getObject("debit_account_id", UUID.class), row.getObject("credit_account_id", UUID.class),
                row.getLong("amount"), row.getLong("requested_amount"), row.getObject("pending_id", UUID.class),
                row.getInt("code"), row.getInt("flags"), row.getLong("timeout_seconds"), row.getString("metadata"),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                balances(row.getArray("debit_balances")), balances(row.getArray("credit_balances")));
    }

    static Balances balances(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Long[] values = (Long[]) array.getArray();
        return new Balances(values[0], values[1], values[2], values[3]);
    }
}
