package io.payrail.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class AcknowledgmentProperties {
    @Property(tries = 200)
    void an_acknowledgment_reads_back_as_written(@ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 60) String fileName,
            @ForAll boolean accepted, @ForAll @Size(max = 5) List<@StringLength(max = 80) String> reasons) {
        Acknowledgment written = new Acknowledgment(fileName, "ab".repeat(32),
                accepted ? Acknowledgment.Status.ACCEPTED : Acknowledgment.Status.REJECTED, reasons);

        assertThat(Acknowledgment.parse(written.format())).isEqualTo(written);
    }

    @Test
    void text_that_is_not_an_acknowledgment_gets_a_one_line_message() {
        assertThatThrownBy(() -> Acknowledgment.parse("hello")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("first line must be " + Acknowledgment.HEADER);
        assertThatThrownBy(() -> Acknowledgment.parse(Acknowledgment.HEADER + "\nfile=A\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lacks file, sha256 or status");
        assertThatThrownBy(() -> Acknowledgment.parse(Acknowledgment.HEADER + "\ncolour=blue\n"))
                .hasMessageContaining("unknown key");
    }

    @Test
    void the_longest_matching_account_ending_decides_the_return_code() {
        ReturnRules rules = new ReturnRules(Map.of("1", "R01", "0001", "R03"), 0, 0);

        assertThat(rules.codeFor("12340001")).isEqualTo("R03");
        assertThat(rules.codeFor("12340011")).isEqualTo("R01");
        assertThat(rules.codeFor("12340010")).isNull();
        assertThatThrownBy(() -> new ReturnRules(Map.of("1", "C01"), 0, 0)).hasMessageContaining("return code must be Rnn");
        assertThatThrownBy(() -> new ReturnRules(Map.of(), ReturnRules.MILLION + 1, 0)).hasMessageContaining("per million");
    }
}
