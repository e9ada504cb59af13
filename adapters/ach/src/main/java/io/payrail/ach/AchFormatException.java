package io.payrail.ach;

import java.util.List;

/** The one checked exception of the reader: the input is not a valid NACHA file (or could not be read). */
public final class AchFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<AchProblem> problems;

    public AchFormatException(List<AchProblem> problems, Throwable cause) {
        super(problems.isEmpty() ? "invalid NACHA file" : problems.getFirst().describe(), cause);
        this.problems = List.copyOf(problems);
    }

    public AchFormatException(List<AchProblem> problems) {
        this(problems, null);
    }

    public List<AchProblem> problems() {
        return problems;
    }
}
