package io.payrail.ach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WriterTests {
    @Test
    void every_record_is_94_characters_and_the_file_is_padded_to_a_block_of_ten() {
        List<String> lines = Samples.lines(Samples.ppd());
        assertThat(lines).hasSize(10).allSatisfy(line -> assertThat(line).hasSize(94));
        assertThat(lines.subList(7, 10)).allSatisfy(line -> assertThat(line).matches("9{94}"));
        assertThat(Samples.text(Samples.ppd())).endsWith("\n");
    }

    @Test
    void controls_carry_the_computed_counts_hash_and_totals() {
        List<String> lines = Samples.lines(Samples.ppd());
        assertThat(lines.get(5)).startsWith("8200000003" + "0024208576" + "000000002550" + "000000010000"
                + "1234567890");
        assertThat(lines.get(6)).startsWith("9000001000001000000030024208576000000002550000000010000");
    }

    @Test
    void crlf_terminators_can_be_asked_for() {
        String text = new String(AchFiles.toBytes(Samples.ppd(), WriterOptions.crlf()), StandardCharsets.US_ASCII);
        assertThat(text.split("\r\n", -1)).hasSize(11);
    }

    @Test
    void a_balanced_batch_gets_an_offset_entry_for_the_net_amount() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (AchWriter writer = AchWriter.open(bytes, Samples.fileHeader(), WriterOptions.standard())) {
            writer.startBatch(Samples.batchHeader(200, "CCD", 1));
            writer.entry(Samples.entry(27, 5_000, writer.nextTraceNumber(), '0'), List.of());
            writer.entry(Samples.entry(27, 2_500, writer.nextTraceNumber(), '0'), List.of());
            writer.endBatchBalanced(new OffsetAccount("231380104", "99887766", false, "ACME SETTLEMENT"));
            writer.finish();
        }
        ReadResult read = AchFiles.read(new java.io.ByteArrayInputStream(bytes.toByteArray()), ReaderOptions.strict());
        assertThat(read.problems()).isEmpty();
        Batch batch = read.file().orElseThrow().batches().getFirst();
        assertThat(batch.entries()).hasSize(3);
        EntryDetail offset = batch.entries().getLast().detail();
        assertThat(offset.transactionCode()).isEqualTo(22);
        assertThat(offset.amountCents()).isEqualTo(7_500);
        assertThat(offset.traceNumber()).isEqualTo(231380100000003L);
        assertThat(batch.control().orElseThrow().totalDebitCents())
                .isEqualTo(batch.control().orElseThrow().totalCreditCents());
    }

    @Test
    void generated_trace_numbers_ascend_and_continue_across_batches() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (AchWriter writer = AchWriter.open(bytes, Samples.fileHeader(), WriterOptions.standard())) {
            for (int batchNumber = 1; batchNumber <= 2; batchNumber++) {
                writer.startBatch(Samples.batchHeader(220, "PPD", batchNumber));
                writer.entry(Samples.entry(22, 100, writer.nextTraceNumber(), '0'), List.of());
                writer.entry(Samples.entry(22, 100, writer.nextTraceNumber(), '0'), List.of());
                writer.endBatch();
            }
            writer.finish();
        }
        ReadResult read = AchFiles.read(new java.io.ByteArrayInputStream(bytes.toByteArray()), ReaderOptions.strict());
        assertThat(read.problems()).isEmpty();
        assertThat(read.file().orElseThrow().batches().stream().flatMap(batch -> batch.entries().stream())
                .map(entry -> entry.detail().traceNumber()).toList())
                .containsExactly(231380100000001L, 231380100000002L, 231380100000003L, 231380100000004L);
    }

    @Test
    void a_descending_trace_number_is_refused_with_both_values() throws IOException {
        try (AchWriter writer = AchWriter.open(new ByteArrayOutputStream(), Samples.fileHeader(),
                WriterOptions.standard())) {
            writer.startBatch(Samples.batchHeader(220, "PPD", 1));
            writer.entry(Samples.entry(22, 100, 231380100000005L, '0'), List.of());
            assertThatThrownBy(() -> writer.entry(Samples.entry(22, 100, 231380100000004L, '0'), List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("231380100000004").hasMessageContaining("231380100000005");
        }
    }

    @Test
    void a_value_too_long_for_its_field_is_refused_with_the_field_name() throws IOException {
        StandardEntry tooLong = new StandardEntry(22, "12104288", '2', "123456789012345678", 100, "", "NAME", "",
                '0', 231380100000001L);
        try (AchWriter writer = AchWriter.open(new ByteArrayOutputStream(), Samples.fileHeader(),
                WriterOptions.standard())) {
            writer.startBatch(Samples.batchHeader(220, "PPD", 1));
            assertThatThrownBy(() -> writer.entry(tooLong, List.of())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dfiAccountNumber").hasMessageContaining("18 characters");
        }
    }

    @Test
    void a_debit_in_a_credits_only_batch_is_refused() throws IOException {
        try (AchWriter writer = AchWriter.open(new ByteArrayOutputStream(), Samples.fileHeader(),
                WriterOptions.standard())) {
            writer.startBatch(Samples.batchHeader(220, "PPD", 1));
            assertThatThrownBy(() -> writer.entry(Samples.entry(27, 100, 231380100000001L, '0'), List.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transactionCode=27");
        }
    }

    @Test
    void the_model_read_back_equals_the_model_written_apart_from_the_computed_controls() {
        AchFile written = Samples.ppd();
        AchFile read = AchFiles.read(new java.io.ByteArrayInputStream(AchFiles.toBytes(written,
                WriterOptions.standard())), ReaderOptions.strict()).file().orElseThrow();
        assertThat(read.header()).isEqualTo(written.header());
        assertThat(read.batches().getFirst().header()).isEqualTo(written.batches().getFirst().header());
        assertThat(read.batches().getFirst().entries()).isEqualTo(written.batches().getFirst().entries());
        assertThat(read.control()).isPresent();
        assertThat(Optional.of(read.batches().getFirst().control())).isPresent();
    }
}
