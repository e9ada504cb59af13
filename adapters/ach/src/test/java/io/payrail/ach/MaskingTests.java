package io.payrail.ach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTests {
    @Test
    void entry_to_string_masks_the_account_number_and_the_name() {
        StandardEntry entry = new StandardEntry(22, "12104288", '2', "987654321", 100, "EMP123456", "JANE DOE", "",
                '0', 1);
        assertThat(entry.toString()).doesNotContain("987654321").doesNotContain("JANE DOE")
                .doesNotContain("EMP123456").contains("*****4321").contains("J*******");
    }

    @Test
    void iat_entry_and_addenda_to_string_mask_personal_data() {
        IatEntry entry = new IatEntry(22, "12104288", '2', 7, 100, "DE89370400440532013000", '0', '0', '1', 1);
        assertThat(entry.toString()).doesNotContain("DE89370400440532013000").contains("3000");
        IatAddenda addenda = new IatAddenda(11, "HANS MUELLER                       KOENIGSTRASSE 1", 1);
        assertThat(addenda.toString()).doesNotContain("HANS").doesNotContain("KOENIG");
        assertThat(new Addenda05("PAID BY JOHN SMITH", 1, 1).toString()).doesNotContain("JOHN");
    }

    @Test
    void problems_never_quote_an_account_number() {
        java.util.List<String> lines = Samples.lines(Samples.ppd());
        Samples.replace(lines, 3, 13, "                 ");
        assertThat(Samples.errors(Samples.join(lines), ReaderOptions.strict())).singleElement()
                .satisfies(problem -> assertThat(problem.field()).isEqualTo("dfiAccountNumber"));
        assertThat(Samples.errors(Samples.join(Samples.replace(Samples.lines(Samples.ppd()), 3, 2, "9X")),
                ReaderOptions.strict())).allSatisfy(problem -> assertThat(problem.describe()).doesNotContain(
                "123456789"));
    }
}
