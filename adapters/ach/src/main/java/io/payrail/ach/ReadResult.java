package io.payrail.ach;

import java.util.List;
import java.util.Optional;

/** A file read whole: the model when it has no error, and every problem found (warnings included). */
public record ReadResult(Optional<AchFile> file, List<AchProblem> problems) {
    public ReadResult {
        problems = List.copyOf(problems);
    }

    public List<AchProblem> errors() {
        return problems.stream().filter(AchProblem::isError).toList();
    }

    public boolean valid() {
        return errors().isEmpty();
    }
}
