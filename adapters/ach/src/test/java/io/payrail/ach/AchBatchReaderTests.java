package io.payrail.ach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AchBatchReaderTests {
    @Test
    void batches_are_yielded_one_at_a_time_with_their_entries_addenda_and_control() throws AchFormatException {
        List<Batch> batches = new ArrayList<>();
        try (AchBatchReader reader = new AchBatchReader(AchReader.open(
                Corpus.file("flattenBatchesMultipleBatchHeaders.ach"), ReaderOptions.strict()))) {
            for (Optional<Batch> batch = reader.nextBatch(); batch.isPresent(); batch = reader.nextBatch()) {
                batches.add(batch.get());
            }
            assertThat(reader.header()).isPresent();
            assertThat(reader.control()).hasValueSatisfying(control ->
                    assertThat(control.batchCount()).isEqualTo(batches.size()));
            assertThat(reader.problems()).isEmpty();
        }
        assertThat(batches).isNotEmpty().allSatisfy(batch -> assertThat(batch.control()).isPresent());
        ReadResult whole = AchFiles.read(Corpus.file("flattenBatchesMultipleBatchHeaders.ach"), ReaderOptions.strict());
        assertThat(batches).isEqualTo(whole.file().orElseThrow().batches());
    }

    @Test
    void a_batch_without_control_is_still_yielded_and_the_error_reported() throws AchFormatException {
        try (AchBatchReader reader = new AchBatchReader(AchReader.open(Corpus.file("return-no-batch-controls.ach"),
                ReaderOptions.lenient()))) {
            assertThat(reader.nextBatch()).hasValueSatisfying(batch -> {
                assertThat(batch.entries()).hasSize(1);
                assertThat(batch.control()).isEmpty();
            });
            assertThat(reader.nextBatch()).isPresent();
            assertThat(reader.nextBatch()).isEmpty();
            assertThat(reader.problems()).extracting(AchProblem::code).contains(ProblemCode.MISSING_RECORD);
        }
    }

    @Test
    void stop_at_first_surfaces_the_first_error_from_next_batch() throws AchFormatException {
        try (AchBatchReader reader = new AchBatchReader(AchReader.open(Corpus.file("moov-ids.ach"),
                ReaderOptions.strict().withMode(FailureMode.STOP_AT_FIRST)))) {
            assertThat(reader.nextBatch()).isPresent();
            assertThatThrownBy(() -> {
                while (reader.nextBatch().isPresent()) {
                    // The hash error is on the file control, after the last batch.
                }
            }).isInstanceOf(AchFormatException.class).hasMessageContaining("entryHash");
        }
    }
}
