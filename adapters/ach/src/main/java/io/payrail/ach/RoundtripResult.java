package io.payrail.ach;

import java.util.List;

/**
 * The outcome of reading a file and writing it back canonically.
 *
 * @param identical the written bytes equal the original bytes
 * @param normalizations each change the canonical writing made (terminators, padding, trimmed lines, fields)
 * @param problems why the file could not be read, when it could not
 */
public record RoundtripResult(boolean identical, List<String> normalizations, List<AchProblem> problems) {
    public RoundtripResult {
        normalizations = List.copyOf(normalizations);
        problems = List.copyOf(problems);
    }
}
