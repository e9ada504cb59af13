package io.payrail.ach;

/** ABA routing numbers: nine digits, the last a check digit over the first eight (weights 3, 7, 1). */
public final class RoutingNumbers {
    private static final int[] WEIGHTS = {3, 7, 1, 3, 7, 1, 3, 7};

    private RoutingNumbers() {
    }

    /** The check digit of an eight-digit institution identifier, or -1 when it is not eight digits. */
    public static int checkDigit(CharSequence firstEight) {
        if (firstEight.length() != 8) {
            return -1;
        }
        int sum = 0;
        for (int index = 0; index < 8; index++) {
            char character = firstEight.charAt(index);
            if (character < '0' || character > '9') {
                return -1;
            }
            sum += (character - '0') * WEIGHTS[index];
        }
        return (10 - sum % 10) % 10;
    }

    /** True for nine digits whose last digit is the check digit of the first eight. */
    public static boolean isValid(CharSequence routingNumber) {
        if (routingNumber.length() != 9) {
            return false;
        }
        char last = routingNumber.charAt(8);
        int expected = checkDigit(routingNumber.subSequence(0, 8));
        return expected >= 0 && last == (char) ('0' + expected);
    }
}
