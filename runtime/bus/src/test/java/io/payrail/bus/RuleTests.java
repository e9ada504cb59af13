package io.payrail.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.store.EventEnvelope;
import org.junit.jupiter.api.Test;

class RuleTests {
    private static final EventEnvelope SETTLED = TestEvents.event("payments.payment.settled", "payment-42",
            "{\"amountMinor\": 1250, \"currency\": \"USD\", \"rail\": \"ACH\", \"vendor\": {\"country\": \"US\"},"
                    + " \"note\": \"Invoice-2026-001.pdf\"}");

    private static boolean matches(String pattern) {
        return Rule.parse(pattern).matches(SETTLED);
    }

    @Test
    void an_exact_value_matches_the_envelope_rendered_like_eventbridge() {
        assertThat(matches("{\"detail-type\": [\"payments.payment.settled\"], \"source\": [\"payrail/test\"]}")).isTrue();
        assertThat(matches("{\"detail-type\": [\"payments.payment.failed\"]}")).isFalse();
        assertThat(matches("{\"subject\": [\"payment-42\"], \"tenantId\": [\"tenant-1\"]}")).isTrue();
    }

    @Test
    void prefix_matches_the_start_of_a_value() {
        assertThat(matches("{\"detail-type\": [{\"prefix\": \"payments.\"}]}")).isTrue();
        assertThat(matches("{\"detail-type\": [{\"prefix\": \"ledger.\"}]}")).isFalse();
    }

    @Test
    void suffix_matches_the_end_of_a_value() {
        assertThat(matches("{\"detail\": {\"note\": [{\"suffix\": \".pdf\"}]}}")).isTrue();
        assertThat(matches("{\"detail\": {\"note\": [{\"suffix\": \".csv\"}]}}")).isFalse();
    }

    @Test
    void anything_but_excludes_listed_values() {
        assertThat(matches("{\"detail\": {\"rail\": [{\"anything-but\": [\"CHECK\", \"CARD\"]}]}}")).isTrue();
        assertThat(matches("{\"detail\": {\"rail\": [{\"anything-but\": [\"ACH\"]}]}}")).isFalse();
        assertThat(matches("{\"detail\": {\"rail\": [{\"anything-but\": {\"prefix\": \"AC\"}}]}}")).isFalse();
    }

    @Test
    void numeric_ranges_compare_numbers() {
        assertThat(matches("{\"detail\": {\"amountMinor\": [{\"numeric\": [\">\", 1000, \"<=\", 1250]}]}}")).isTrue();
        assertThat(matches("{\"detail\": {\"amountMinor\": [{\"numeric\": [\">=\", 5000]}]}}")).isFalse();
        assertThat(matches("{\"detail\": {\"amountMinor\": [{\"numeric\": [\"=\", 1250]}]}}")).isTrue();
    }

    @Test
    void exists_tests_the_presence_of_a_field() {
        assertThat(matches("{\"detail\": {\"vendor\": {\"country\": [{\"exists\": true}]}}}")).isTrue();
        assertThat(matches("{\"detail\": {\"returnCode\": [{\"exists\": false}]}}")).isTrue();
        assertThat(matches("{\"detail\": {\"returnCode\": [{\"exists\": true}]}}")).isFalse();
        assertThat(matches("{\"correlationId\": [{\"exists\": false}]}")).isTrue();
    }

    @Test
    void equals_ignore_case_ignores_letter_case() {
        assertThat(matches("{\"detail\": {\"currency\": [{\"equals-ignore-case\": \"usd\"}]}}")).isTrue();
        assertThat(matches("{\"detail\": {\"currency\": [{\"equals-ignore-case\": \"eur\"}]}}")).isFalse();
    }

    @Test
    void wildcard_matches_any_run_of_characters() {
        assertThat(matches("{\"detail-type\": [{\"wildcard\": \"payments.*.settled\"}]}")).isTrue();
        assertThat(matches("{\"detail-type\": [{\"wildcard\": \"ledger.*\"}]}")).isFalse();
    }

    @Test
    void or_matches_when_any_branch_matches() {
        assertThat(matches("{\"$or\": [{\"detail-type\": [\"nothing\"]}, {\"detail\": {\"rail\": [\"ACH\"]}}]}")).isTrue();
        assertThat(matches("{\"$or\": [{\"detail-type\": [\"nothing\"]}, {\"detail\": {\"rail\": [\"WIRE\"]}}]}"))
                .isFalse();
    }

    @Test
    void all_fields_of_a_pattern_must_match() {
        assertThat(matches("{\"detail-type\": [{\"prefix\": \"payments.\"}], \"detail\": {\"currency\": [\"EUR\"]}}"))
                .isFalse();
    }

    @Test
    void a_pattern_that_is_not_json_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> Rule.parse("{\"detail-type\": [\"a\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid event pattern:");
    }

    @Test
    void an_unknown_operator_is_refused_and_named() {
        assertThatThrownBy(() -> Rule.parse("{\"detail-type\": [{\"startswith\": \"payments.\"}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid event pattern:")
                .hasMessageContaining("startswith");
    }

    @Test
    void a_numeric_operator_without_a_number_is_refused() {
        assertThatThrownBy(() -> Rule.parse("{\"detail\": {\"amountMinor\": [{\"numeric\": [\">\", \"ten\"]}]}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid event pattern:");
    }

    @Test
    void a_value_that_is_not_in_an_array_is_refused() {
        assertThatThrownBy(() -> Rule.parse("{\"detail-type\": \"payments.payment.settled\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid event pattern:");
    }

    @Test
    void an_empty_or_oversized_pattern_is_refused() {
        assertThatThrownBy(() -> Rule.parse(" "))
                .hasMessage("invalid event pattern: the pattern is empty");
        String huge = "{\"detail-type\": [\"" + "x".repeat(Rule.PATTERN_CHARS_MAX) + "\"]}";
        assertThatThrownBy(() -> Rule.parse(huge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the limit is " + Rule.PATTERN_CHARS_MAX);
    }

    @Test
    void the_document_carries_the_payload_as_detail_and_leaves_out_absent_attributes() {
        var document = EventDocument.of(SETTLED);
        assertThat(document.get("detail-type").asText()).isEqualTo("payments.payment.settled");
        assertThat(document.get("detail").get("amountMinor").asLong()).isEqualTo(1250);
        assertThat(document.has("correlationId")).isFalse();
        assertThat(document.get("id").asText()).isEqualTo(SETTLED.id().toString());
    }
}
