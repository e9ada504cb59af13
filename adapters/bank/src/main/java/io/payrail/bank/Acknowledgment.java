package io.payrail.bank;

import io.payrail.platform.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * A bank's acknowledgment of one received file, in the simple line format the simulated bank writes
 * ({@code ACK_<file name>.txt}). A real bank's own format gets its own parser producing this record.
 */
public record Acknowledgment(String fileName, String sha256, Status status, List<String> reasons) {
    public static final String HEADER = "PAYRAIL-BANK-ACK 1";
    public static final int REASONS_MAX = 50;

    public enum Status { ACCEPTED, REJECTED }

    public Acknowledgment {
        Check.notNull(fileName, "fileName");
        Check.notNull(sha256, "sha256");
        Check.notNull(status, "status");
        // One reason per line in the file: line breaks inside a reason become spaces.
        reasons = reasons.stream().limit(REASONS_MAX).map(reason -> reason.replace('\n', ' ').replace('\r', ' ')).toList();
    }

    public String format() {
        StringBuilder text = new StringBuilder(HEADER).append('\n')
                .append("file=").append(fileName).append('\n')
                .append("sha256=").append(sha256).append('\n')
                .append("status=").append(status).append('\n');
        reasons.forEach(reason -> text.append("reason=").append(reason).append('\n'));
        return text.toString();
    }

    /** Parses {@link #format()}'s output; anything else gets a one-line message naming the problem. */
    public static Acknowledgment parse(String text) {
        List<String> lines = text.lines().toList();
        Check.argument(!lines.isEmpty() && lines.getFirst().equals(HEADER), "not an acknowledgment: first line must be %s", HEADER);
        String fileName = null;
        String sha256 = null;
        Status status = null;
        List<String> reasons = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            int equals = line.indexOf('=');
            Check.argument(equals > 0, "acknowledgment line without key=value: %s", line);
            String value = line.substring(equals + 1);
            switch (line.substring(0, equals)) {
                case "file" -> fileName = value;
                case "sha256" -> sha256 = value;
                case "status" -> status = Status.valueOf(value);
                case "reason" -> reasons.add(value);
                default -> throw new IllegalArgumentException("acknowledgment has an unknown key: " + line);
            }
        }
        Check.argument(fileName != null && sha256 != null && status != null, "acknowledgment lacks file, sha256 or status");
        return new Acknowledgment(fileName, sha256, status, reasons);
    }
}
