package io.payrail.ach.cli;

/** What a CLI operation returns: the process exit code and the text to print (stdout for 0, stderr otherwise). */
public record CommandResult(int exitCode, String text) {
    public static final int OK = 0;
    public static final int INVALID = 1;
}
