package io.payrail.bank;

import java.util.List;

/** The bank's verdict on a received ACH file. */
public sealed interface FileValidation {
    record Accepted(AchFileSummary summary) implements FileValidation {}

    record Rejected(List<String> reasons) implements FileValidation {
        public Rejected {
            reasons = List.copyOf(reasons);
        }
    }
}
