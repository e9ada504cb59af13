package io.payrail.ach;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Found by ReaderFuzzProperties: a count a lenient read only warns about must not be written back. */
class IatAddendaCountTests {

    @Test
    void an_iat_entry_with_a_wrong_addenda_count_read_leniently_is_written_with_the_count_of_its_addenda() throws IOException {
        ReadResult lenient;
        try (InputStream in = Files.newInputStream(Corpus.file("iat-debit.ach"))) {
            lenient = AchFiles.read(in, ReaderOptions.lenient());
        }
        assertThat(lenient.file()).isPresent();
        assertThat(lenient.problems()).anyMatch(problem -> problem.field().equals("addendaRecords"));

        byte[] written = AchFiles.toBytes(lenient.file().orElseThrow(), WriterOptions.standard());
        ReadResult strict = AchFiles.read(new ByteArrayInputStream(written), ReaderOptions.strict());

        assertThat(strict.errors()).isEmpty();
        Entry entry = strict.file().orElseThrow().batches().getFirst().entries().getFirst();
        assertThat(((IatEntry) entry.detail()).addendaCount()).isEqualTo(entry.addenda().size());
    }
}
