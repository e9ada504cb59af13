package io.payrail.ach;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundtripTests {
    @TempDir
    Path folder;

    @Test
    void canonical_corpus_files_are_written_back_byte_identical() {
        for (String name : List.of("cor-example.ach", "flattenBatchesMultipleBatchHeaders.ach", "iat-debit.ach",
                "two-micro-deposits.ach", "iat-addenda99.ach")) {
            RoundtripResult result = AchFiles.roundtrip(Corpus.file(name), ReaderOptions.lenient());
            assertThat(result.identical()).as(name).isTrue();
            assertThat(result.normalizations()).as(name).isEmpty();
        }
    }

    @Test
    void every_lenient_valid_corpus_file_reproduces_its_records_apart_from_listed_normalizations() {
        for (String name : Corpus.allFileNames()) {
            RoundtripResult result = AchFiles.roundtrip(Corpus.file(name), ReaderOptions.lenient());
            if (!result.problems().isEmpty()) {
                continue;
            }
            assertThat(result.identical()).as(name).isEqualTo(result.normalizations().isEmpty());
            assertThat(result.normalizations()).as(name).noneMatch(change -> change.contains("rewritten"));
        }
    }

    @Test
    void trimmed_lines_and_a_missing_final_newline_are_listed_as_normalizations() {
        RoundtripResult result = AchFiles.roundtrip(Corpus.file("ppd-debit.ach"), ReaderOptions.lenient());
        assertThat(result.identical()).isFalse();
        assertThat(result.normalizations()).containsExactly("final newline added",
                "line 1: trailing blanks restored (75 -> 94 characters)",
                "line 5: trailing blanks restored (55 -> 94 characters)");
    }

    @Test
    void unterminated_records_and_missing_padding_are_listed() {
        RoundtripResult result = AchFiles.roundtrip(Corpus.file("ppd-debit-fixedLength.ach"), ReaderOptions.lenient());
        assertThat(result.normalizations()).containsExactly(
                "records without line terminators: LF added after each record",
                "5 padding record(s) of 9s added to fill the last block");
    }

    @Test
    void non_blank_reserved_positions_are_blanked_and_named_by_line_and_positions() throws IOException {
        Path file = folder.resolve("reserved.ach");
        Files.writeString(file, Samples.join(Samples.replace(Samples.lines(Samples.ppd()), 7, 60, "XY")));
        RoundtripResult result = AchFiles.roundtrip(file, ReaderOptions.strict());
        assertThat(result.identical()).isFalse();
        assertThat(result.normalizations()).containsExactly("line 7 (record type 9): positions 60-61 rewritten"
                + " canonically");
    }

    @Test
    void the_message_authentication_code_and_settlement_date_survive_a_roundtrip() throws IOException {
        List<String> lines = Samples.replace(Samples.lines(Samples.ppd()), 6, 55, "MAC");
        Path file = folder.resolve("mac.ach");
        Files.writeString(file, Samples.join(lines));
        RoundtripResult kept = AchFiles.roundtrip(file, ReaderOptions.strict());
        assertThat(kept.identical()).isTrue();
        Files.writeString(file, Samples.join(Samples.replace(Samples.lines(Samples.ppd()), 2, 76, "123")));
        assertThat(AchFiles.roundtrip(file, ReaderOptions.strict()).identical()).isTrue();
    }

    @Test
    void a_crlf_file_is_read_and_its_terminators_listed() throws IOException {
        Path file = folder.resolve("crlf.ach");
        Files.writeString(file, String.join("\r\n", Samples.lines(Samples.ppd())) + "\r\n");
        RoundtripResult result = AchFiles.roundtrip(file, ReaderOptions.lenient());
        assertThat(result.identical()).isFalse();
        assertThat(result.normalizations()).containsExactly("CRLF line terminators replaced by LF");
    }

    @Test
    void an_invalid_file_is_not_written_back_and_its_errors_are_returned() {
        RoundtripResult result = AchFiles.roundtrip(Corpus.file("moov-ids.ach"), ReaderOptions.lenient());
        assertThat(result.identical()).isFalse();
        assertThat(result.problems()).extracting(AchProblem::code).contains(ProblemCode.HASH_MISMATCH);
    }
}
