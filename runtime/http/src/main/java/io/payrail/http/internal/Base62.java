package io.payrail.http.internal;

import java.math.BigInteger;

/**
 * Base62 (digits, then upper, then lower case letters): API keys made of it survive copy and paste
 * and double-click selection, which base64's {@code -} and {@code _} do not.
 */
public final class Base62 {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(62);

    private Base62() {}

    /** Encodes {@code bytes} as an unsigned number, left-padded to {@code width} characters. */
    public static String encode(byte[] bytes, int width) {
        StringBuilder digits = new StringBuilder();
        BigInteger value = new BigInteger(1, bytes);
        while (value.signum() > 0) {
            BigInteger[] quotientAndRemainder = value.divideAndRemainder(BASE);
            digits.append(ALPHABET.charAt(quotientAndRemainder[1].intValue()));
            value = quotientAndRemainder[0];
        }
        while (digits.length() < width) {
            digits.append('0');
        }
        return digits.reverse().toString();
    }

    /** Characters needed for {@code byteCount} random bytes: ceil(8 * n / log2(62)). */
    public static int width(int byteCount) {
        return (int) Math.ceil(byteCount * 8 / (Math.log(62) / Math.log(2)));
    }

    public static boolean isBase62(String text) {
        for (int index = 0; index < text.length(); index++) {
            if (ALPHABET.indexOf(text.charAt(index)) < 0) {
                return false;
            }
        }
        return true;
    }
}
