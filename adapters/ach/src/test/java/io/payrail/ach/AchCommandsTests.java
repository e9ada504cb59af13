package io.payrail.ach;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.ach.cli.AchCommands;
import io.payrail.ach.cli.CommandResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AchCommandsTests {
    private static AchCommands.ValidateOptions options(Profile profile, FailureMode mode) {
        return new AchCommands.ValidateOptions(profile, mode, Optional.empty());
    }

    @Test
    void validate_exits_0_for_valid_files() {
        CommandResult result = AchCommands.validate(List.of(Corpus.file("ccd-debit.ach"),
                Corpus.file("web-debit.ach")), AchCommands.ValidateOptions.defaults());
        assertThat(result.exitCode()).isZero();
        assertThat(result.text()).contains("ccd-debit.ach: valid").contains("web-debit.ach: valid");
    }

    @Test
    void validate_exits_1_listing_every_error_with_line_record_and_field() {
        CommandResult result = AchCommands.validate(List.of(Corpus.file("ppd-debit-invalid-entryDetail-checkDigit.ach")),
                options(Profile.STRICT, FailureMode.COLLECT_ALL));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.text()).contains("INVALID (3 error(s))")
                .contains("line 3 (entry detail) field checkDigit: CHECK_DIGIT")
                .contains("line 1 (file header) field record: LINE_LENGTH");
    }

    @Test
    void validate_in_the_lenient_profile_stopping_at_the_first_error_lists_one() {
        CommandResult result = AchCommands.validate(List.of(Corpus.file("ppd-debit-invalid-entryDetail-checkDigit.ach")),
                options(Profile.LENIENT, FailureMode.STOP_AT_FIRST));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.text()).contains("INVALID (1 error(s)) [lenient]").contains("checkDigit");
    }

    @Test
    void validate_of_a_missing_file_or_a_crasher_is_a_clean_error() {
        CommandResult missing = AchCommands.validate(List.of(Path.of("/no/such/file.ach")),
                AchCommands.ValidateOptions.defaults());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.text()).contains("no such file").doesNotContain("Exception");
        CommandResult crasher = AchCommands.validate(List.of(Corpus.file("crashers/5.ach")),
                AchCommands.ValidateOptions.defaults());
        assertThat(crasher.exitCode()).isEqualTo(1);
        assertThat(crasher.text()).contains("NON_ASCII").doesNotContain("Exception");
    }

    @Test
    void validate_with_a_directory_warns_about_unknown_routing_numbers_but_stays_valid() {
        Path directory = Corpus.dataFolder().resolve("fedach/FedACHdir.txt");
        CommandResult result = AchCommands.validate(List.of(Corpus.file("ppd-credit.ach")),
                new AchCommands.ValidateOptions(Profile.STRICT, FailureMode.COLLECT_ALL, Optional.of(directory)));
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void print_masks_account_numbers_and_names_and_shows_totals() {
        CommandResult result = AchCommands.print(Corpus.file("ppd-debit.ach"), false, Optional.empty());
        assertThat(result.exitCode()).isZero();
        assertThat(result.text()).doesNotContain("12345678 ").contains("****5678").contains("R********************")
                .contains("batch totals: 1 entries, debits $1000000.00, credits $0.00")
                .contains("File totals: 1 batches, 1 entries");
    }

    @Test
    void print_unmasked_shows_the_account_number_and_the_institution_name() {
        CommandResult result = AchCommands.print(Corpus.file("ppd-debit.ach"), true,
                Optional.of(Corpus.dataFolder().resolve("fedach/FedACHdir.txt")));
        assertThat(result.text()).contains("account 12345678 Receiver Account Name").contains("231380104 CITADEL");
    }

    @Test
    void print_lists_returns_with_their_meaning() {
        CommandResult result = AchCommands.print(Corpus.file("return-WEB.ach"), false, Optional.empty());
        assertThat(result.text()).contains("RETURN R01 (Insufficient funds) of trace 91400600000001");
    }

    @Test
    void roundtrip_exits_0_only_for_a_byte_identical_file() {
        CommandResult identical = AchCommands.roundtrip(Corpus.file("cor-example.ach"));
        assertThat(identical.exitCode()).isZero();
        assertThat(identical.text()).contains("byte-identical");
        CommandResult normalized = AchCommands.roundtrip(Corpus.file("ppd-debit.ach"));
        assertThat(normalized.exitCode()).isEqualTo(1);
        assertThat(normalized.text()).contains("normalized: final newline added");
        CommandResult invalid = AchCommands.roundtrip(Corpus.file("crashers/0.ach"));
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.text()).contains("cannot be read").contains("MISSING_RECORD");
    }
}
