package io.payrail.ach.internal;

import io.payrail.ach.ReaderOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits the input into lines without ever holding more than one line and one buffer.
 *
 * <p>NACHA files are usually LF or CRLF terminated, but some systems send the records back to back. When the
 * character after the first 94 is itself a record type, the file is read as unterminated 94-character records.
 */
public final class LineSource {
    public static final int RECORD_LENGTH = 94;
    private static final int BUFFER_BYTES = 1 << 16;

    private final InputStream input;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final char[] line = new char[ReaderOptions.LINE_LENGTH_MAX];
    private int position;
    private int limit;
    private long lineNumber;
    private Boolean unterminated;

    public LineSource(InputStream input) {
        this.input = input;
    }

    /** The next line, or null at the end of the input. */
    public RawLine next() throws IOException {
        if (unterminated == null) {
            unterminated = detectUnterminated();
        }
        return unterminated ? nextRecord() : nextLine();
    }

    private boolean detectUnterminated() throws IOException {
        if (!fill(RECORD_LENGTH + 1)) {
            return false;
        }
        for (int index = 0; index < RECORD_LENGTH; index++) {
            byte value = buffer[position + index];
            if (value == '\n' || value == '\r') {
                return false;
            }
        }
        byte following = buffer[position + RECORD_LENGTH];
        return following == '1' || following == '5' || following == '6' || following == '7' || following == '8'
                || following == '9';
    }

    private RawLine nextLine() throws IOException {
        RawLine fast = lineWithinBuffer();
        if (fast != null) {
            return fast;
        }
        int kept = 0;
        int length = 0;
        while (true) {
            if (position == limit && !refill()) {
                return length == 0 ? null : line(kept, length, RawLine.Terminator.END_OF_INPUT);
            }
            byte value = buffer[position++];
            if (value == '\n') {
                boolean carriageReturn = kept > 0 && line[kept - 1] == '\r' && length == kept;
                if (carriageReturn) {
                    return line(kept - 1, length - 1, RawLine.Terminator.CRLF);
                }
                return line(kept, length, RawLine.Terminator.LF);
            }
            if (kept < line.length) {
                line[kept++] = (char) (value & 0xFF);
            }
            length++;
        }
    }

    /**
     * The common case, a whole line already in the buffer, copied once from the bytes; null when the line
     * crosses the end of the buffer (the slow path then reads it byte by byte).
     */
    private RawLine lineWithinBuffer() {
        int scanLimit = Math.min(limit, position + line.length);
        for (int index = position; index < scanLimit; index++) {
            if (buffer[index] == '\n') {
                int end = index;
                RawLine.Terminator terminator = RawLine.Terminator.LF;
                if (end > position && buffer[end - 1] == '\r') {
                    end--;
                    terminator = RawLine.Terminator.CRLF;
                }
                String text = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                position = index + 1;
                lineNumber++;
                return new RawLine(lineNumber, text, text.length(), terminator);
            }
        }
        return null;
    }

    private RawLine nextRecord() throws IOException {
        int kept = 0;
        while (kept < RECORD_LENGTH) {
            if (position == limit && !refill()) {
                return kept == 0 ? null : line(kept, kept, RawLine.Terminator.END_OF_INPUT);
            }
            byte value = buffer[position];
            if (value == '\n' || value == '\r') {
                position++;
                if (kept > 0) {
                    return line(kept, kept, RawLine.Terminator.LF);
                }
                continue;
            }
            position++;
            line[kept++] = (char) (value & 0xFF);
        }
        return line(kept, kept, RawLine.Terminator.NONE);
    }

    private RawLine line(int kept, int length, RawLine.Terminator terminator) {
        lineNumber++;
        return new RawLine(lineNumber, new String(line, 0, kept), length, terminator);
    }

    /** Makes at least {@code count} bytes available if the input has them; false when it ends before. */
    private boolean fill(int count) throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        while (limit < count) {
            int read = input.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                return false;
            }
            limit += read;
        }
        return true;
    }

    private boolean refill() throws IOException {
        position = 0;
        limit = 0;
        int read;
        do {
            read = input.read(buffer, 0, buffer.length);
        } while (read == 0);
        if (read < 0) {
            return false;
        }
        limit = read;
        return true;
    }
}
