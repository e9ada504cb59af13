package io.payrail.ach;

/** Transaction codes (positions 2-3 of an entry) and their relation to the service class code of the batch. */
public final class TransactionCodes {
    public static final int SERVICE_CLASS_MIXED = 200;
    public static final int SERVICE_CLASS_CREDITS_ONLY = 220;
    public static final int SERVICE_CLASS_DEBITS_ONLY = 225;
    public static final int SERVICE_CLASS_AUTOMATED_ACCOUNTING_ADVICES = 280;

    private TransactionCodes() {
    }

    /** Checking (2x), savings (3x), general ledger (4x) and loan (5x) accounts. */
    public static boolean isKnown(int code) {
        int account = code / 10;
        int kind = code % 10;
        if (account < 2 || account > 5) {
            return false;
        }
        if (account == 5) {
            return kind >= 1 && kind <= 6;
        }
        return kind >= 1 && kind <= 9 && kind != 5;
    }

    public static boolean isDebit(int code) {
        return isKnown(code) && code % 10 >= 5;
    }

    public static boolean isCredit(int code) {
        return isKnown(code) && code % 10 < 5;
    }

    /** Prenotifications (x3, x8) and zero-dollar remittance entries (x4, x9) carry no money. */
    public static boolean isZeroAmount(int code) {
        int kind = code % 10;
        return isKnown(code) && (kind == 3 || kind == 8 || kind == 4 || kind == 9);
    }

    /** Automated returns and notifications of change (x1, x6). */
    public static boolean isReturnOrChange(int code) {
        int kind = code % 10;
        return isKnown(code) && (kind == 1 || kind == 6);
    }

    public static boolean isServiceClass(int serviceClass) {
        return serviceClass == SERVICE_CLASS_MIXED || serviceClass == SERVICE_CLASS_CREDITS_ONLY
                || serviceClass == SERVICE_CLASS_DEBITS_ONLY;
    }

    public static boolean allowedIn(int serviceClass, int transactionCode) {
        return switch (serviceClass) {
            case SERVICE_CLASS_CREDITS_ONLY -> isCredit(transactionCode);
            case SERVICE_CLASS_DEBITS_ONLY -> isDebit(transactionCode);
            default -> isKnown(transactionCode);
        };
    }
}
