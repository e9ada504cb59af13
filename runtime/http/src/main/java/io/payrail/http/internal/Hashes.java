package io.payrail.http.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, which every JDK provides; a missing provider is a broken runtime, not an outcome. */
public final class Hashes {
    /** Cloned for each use: a clone is far cheaper than {@code getInstance}'s provider look-up. */
    private static final MessageDigest SHA_256 = newSha256();

    private Hashes() {}

    public static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException notCloneable) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("the JDK has no SHA-256", impossible);
        }
    }

    public static byte[] sha256(String text) {
        return sha256().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The first eight bytes as a long: a 64-bit lock key from a hash. */
    public static long firstLong(byte[] hash) {
        long value = 0;
        for (int index = 0; index < Long.BYTES; index++) {
            value = (value << 8) | (hash[index] & 0xFF);
        }
        return value;
    }
}
