package io.payrail.ach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingTests {
    @TempDir
    Path folder;

    @Test
    void the_check_digit_weighs_the_first_eight_digits_three_seven_one() {
        assertThat(RoutingNumbers.checkDigit("12104288")).isEqualTo(2);
        assertThat(RoutingNumbers.isValid("121042882")).isTrue();
        assertThat(RoutingNumbers.isValid("121042883")).isFalse();
        assertThat(RoutingNumbers.isValid("12104288")).isFalse();
        assertThat(RoutingNumbers.isValid("12104288X")).isFalse();
        assertThat(RoutingNumbers.checkDigit("1210428A")).isEqualTo(-1);
    }

    @Test
    void the_fedach_directory_gives_the_institution_name_of_a_routing_number() throws IOException {
        RoutingDirectory directory = RoutingDirectory.load(Corpus.dataFolder().resolve("fedach/FedACHdir.txt"));
        assertThat(directory.size()).isGreaterThan(10_000);
        assertThat(directory.institutionName("011000015")).contains("FEDERAL RESERVE BANK");
        assertThat(directory.institutionName("011000028")).contains("STATE STREET BANK AND TRUST COMPANY");
        assertThat(directory.institutionName("011000016")).isEmpty();
        assertThat(directory.contains("999999999")).isFalse();
    }

    @Test
    void a_replacement_directory_can_be_loaded_from_any_path() throws IOException {
        Path file = folder.resolve("FedACHdir.txt");
        String line = "121042882O0110000151072811000000000WELLS FARGO BANK NA                 ADDRESS";
        Files.write(file, List.of(line, ""));
        RoutingDirectory directory = RoutingDirectory.load(file);
        assertThat(directory.institutionName("121042882")).contains("WELLS FARGO BANK NA");
        assertThat(directory.size()).isEqualTo(1);
    }

    @Test
    void a_malformed_directory_line_is_refused_with_its_line_number() throws IOException {
        Path file = folder.resolve("broken.txt");
        Files.write(file, List.of("121042882O0110000151072811000000000WELLS FARGO BANK NA                 ADDRESS",
                "not a directory line"));
        assertThatThrownBy(() -> RoutingDirectory.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("line 2");
    }
}
