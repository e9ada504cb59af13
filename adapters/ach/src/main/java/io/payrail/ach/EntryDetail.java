package io.payrail.ach;

/** Record type 6. Amounts are in cents; the trace number is 15 digits. */
public sealed interface EntryDetail extends AchRecord permits StandardEntry, IatEntry {
    int transactionCode();

    /** The first eight digits of the receiving institution's routing number. */
    String receivingDfi();

    char checkDigit();

    long amountCents();

    char addendaIndicator();

    long traceNumber();

    default String receivingRoutingNumber() {
        return receivingDfi() + checkDigit();
    }

    default boolean isDebit() {
        return TransactionCodes.isDebit(transactionCode());
    }

    @Override
    default RecordType type() {
        return RecordType.ENTRY_DETAIL;
    }
}
