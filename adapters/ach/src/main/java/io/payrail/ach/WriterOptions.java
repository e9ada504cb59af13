package io.payrail.ach;

/** How records are terminated: LF (the default, what the strict profile reads) or CRLF for systems that want it. */
public record WriterOptions(String lineTerminator) {
    public WriterOptions {
        if (!lineTerminator.equals("\n") && !lineTerminator.equals("\r\n")) {
            throw new IllegalArgumentException("lineTerminator must be LF or CRLF");
        }
    }

    public static WriterOptions standard() {
        return new WriterOptions("\n");
    }

    public static WriterOptions crlf() {
        return new WriterOptions("\r\n");
    }
}
