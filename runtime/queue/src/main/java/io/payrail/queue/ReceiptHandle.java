package io.payrail.queue;

import io.payrail.platform.Check;

/**
 * Proof of one receive of one message. The receive count and the random token change on every
 * receive, so a handle from an earlier receive cannot delete (or extend) a later redelivery.
 */
public record ReceiptHandle(long messageId, int receiveCount, long token) {
    public ReceiptHandle {
        Check.argument(messageId > 0, "receipt handle names message id %d, ids are positive", messageId);
        Check.argument(receiveCount > 0, "receipt handle has receive count %d, counts start at 1", receiveCount);
    }

    /** The opaque text form handed to clients: {@code id.count.token}. */
    public String encode() {
        return messageId + "." + receiveCount + "." + Long.toHexString(token);
    }

    public static ReceiptHandle parse(String text) {
        Check.argument(text != null, "receipt handle is missing");
        String[] parts = text.split("\\.", -1);
        Check.argument(parts.length == 3, "receipt handle must look like id.count.token, got '%s'", text);
        try {
            return new ReceiptHandle(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), Long.parseUnsignedLong(parts[2], 16));
        } catch (NumberFormatException failure) {
            throw new IllegalArgumentException("receipt handle must look like id.count.token, got '" + text + "'", failure);
        }
    }
}
