package io.payrail.ach.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Lists, in words, how a canonically written file differs from the original it was read from. */
public final class Normalizations {
    /** Past this many differing lines, the list says how many more there are instead of naming them. */
    public static final int LINES_LISTED_MAX = 50;

    private Normalizations() {
    }

    public static List<String> between(byte[] original, byte[] written) {
        List<RawLine> before = lines(original);
        List<RawLine> after = lines(written);
        List<String> changes = new ArrayList<>();
        terminators(before, changes);
        List<RawLine> records = before.stream().filter(line -> line.length() > 0).toList();
        if (records.size() < before.size()) {
            changes.add((before.size() - records.size()) + " empty line(s) removed");
        }
        int common = Math.min(records.size(), after.size());
        int listed = 0;
        int unlisted = 0;
        for (int index = 0; index < common; index++) {
            String change = lineChange(records.get(index), after.get(index).text());
            if (change == null) {
                continue;
            }
            if (listed < LINES_LISTED_MAX) {
                changes.add(change);
                listed++;
            } else {
                unlisted++;
            }
        }
        if (unlisted > 0) {
            changes.add(unlisted + " more line(s) changed");
        }
        if (after.size() > records.size()) {
            changes.add((after.size() - records.size()) + " padding record(s) of 9s added to fill the last block");
        } else if (after.size() < records.size()) {
            changes.add((records.size() - after.size()) + " excess record(s) removed after the file control");
        }
        return changes;
    }

    private static void terminators(List<RawLine> before, List<String> changes) {
        if (before.isEmpty()) {
            return;
        }
        RawLine.Terminator first = before.getFirst().terminator();
        if (first == RawLine.Terminator.NONE) {
            changes.add("records without line terminators: LF added after each record");
        } else if (before.stream().anyMatch(line -> line.terminator() == RawLine.Terminator.CRLF)) {
            changes.add("CRLF line terminators replaced by LF");
        }
        if (before.getLast().terminator() == RawLine.Terminator.END_OF_INPUT) {
            changes.add("final newline added");
        }
    }

    private static String lineChange(RawLine original, String written) {
        String text = original.text();
        if (text.equals(written)) {
            return null;
        }
        int length = original.length();
        if (length < LineSource.RECORD_LENGTH && (text + " ".repeat(LineSource.RECORD_LENGTH - length)).equals(written)) {
            return "line " + original.number() + ": trailing blanks restored (" + length + " -> 94 characters)";
        }
        if (length > LineSource.RECORD_LENGTH && text.substring(0, LineSource.RECORD_LENGTH).equals(written)) {
            return "line " + original.number() + ": " + (length - LineSource.RECORD_LENGTH)
                    + " blank(s) beyond position 94 removed";
        }
        String padded = text.length() >= LineSource.RECORD_LENGTH ? text
                : text + " ".repeat(LineSource.RECORD_LENGTH - text.length());
        int first = 0;
        while (first < written.length() && padded.charAt(first) == written.charAt(first)) {
            first++;
        }
        int last = written.length() - 1;
        while (last > first && padded.charAt(last) == written.charAt(last)) {
            last--;
        }
        return "line " + original.number() + " (record type " + written.charAt(0) + "): positions " + (first + 1)
                + "-" + (last + 1) + " rewritten canonically";
    }

    private static List<RawLine> lines(byte[] bytes) {
        LineSource source = new LineSource(new ByteArrayInputStream(bytes));
        List<RawLine> lines = new ArrayList<>();
        try {
            for (RawLine line = source.next(); line != null; line = source.next()) {
                lines.add(line);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return lines;
    }
}
