package io.payrail.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BinaryCopyRowsTests {

    @Test
    void times_round_to_the_nearest_microsecond_as_postgresql_rounds_and_come_back_unchanged() {
        Instant time = Instant.parse("2026-11-22T10:15:30.123456500Z");

        assertThat(BinaryCopyRows.instant(BinaryCopyRows.micros(time))).isEqualTo(Instant.parse("2026-11-22T10:15:30.123457Z"));
        assertThat(BinaryCopyRows.truncatedMicros(time)).isEqualTo(BinaryCopyRows.micros(time) - 1);
        assertThat(BinaryCopyRows.micros(Instant.parse("2000-01-01T00:00:00Z"))).isZero();
        assertThat(BinaryCopyRows.instant(-1)).isEqualTo(Instant.parse("1999-12-31T23:59:59.999999Z"));
    }

    @Test
    void a_row_is_its_column_count_then_each_value_with_its_length_and_nulls_as_minus_one() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryCopyRows rows = new BinaryCopyRows(bytes);
        int header = bytes.size();
        rows.row(3);
        rows.int4(7);
        rows.text(null);
        rows.int8Array(new long[] {1, 2});
        rows.finish();

        // The header: the 11-byte signature, flags and extension length. The row: 2 (count) + 8 (int4)
        // + 4 (null) + 4 + 20 + 2 * 12 (the array). The trailer: 2.
        assertThat(header).isEqualTo(19);
        assertThat(bytes.size()).isEqualTo(19 + 2 + 8 + 4 + 4 + 20 + 24 + 2);
        assertThat(java.util.Arrays.copyOfRange(bytes.toByteArray(), 0, 6)).asString().isEqualTo("PGCOPY");
    }
}
