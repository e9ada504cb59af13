package io.payrail.ach.internal;

import io.payrail.ach.AchProblem;
import io.payrail.ach.ProblemCode;
import io.payrail.ach.ReaderOptions;
import io.payrail.ach.RecordType;
import io.payrail.ach.Severity;
import java.util.ArrayList;
import java.util.List;

/** Collects problems up to {@link ReaderOptions#PROBLEMS_MAX}; the reader decides when to stop. */
public final class Problems {
    private final List<AchProblem> problems = new ArrayList<>();
    private long errorCount;
    private boolean full;

    public void error(long line, RecordType type, String field, ProblemCode code, String reason) {
        add(new AchProblem(line, type, field, code, reason, Severity.ERROR));
    }

    public void warning(long line, RecordType type, String field, ProblemCode code, String reason) {
        add(new AchProblem(line, type, field, code, reason, Severity.WARNING));
    }

    public void add(AchProblem problem) {
        if (problem.isError()) {
            errorCount++;
        }
        if (full) {
            return;
        }
        if (problems.size() == ReaderOptions.PROBLEMS_MAX - 1) {
            full = true;
            problems.add(new AchProblem(problem.line(), problem.recordType(), "file", ProblemCode.TOO_MANY_PROBLEMS,
                    "more than " + (ReaderOptions.PROBLEMS_MAX - 1) + " problems; reading stopped",
                    Severity.ERROR));
            return;
        }
        problems.add(problem);
    }

    public boolean full() {
        return full;
    }

    public long errorCount() {
        return errorCount;
    }

    public List<AchProblem> list() {
        return List.copyOf(problems);
    }

    public List<AchProblem> firstError() {
        return problems.stream().filter(AchProblem::isError).findFirst().map(List::of).orElse(List.of());
    }
}
