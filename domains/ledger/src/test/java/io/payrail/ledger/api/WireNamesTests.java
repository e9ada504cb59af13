package io.payrail.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireNamesTests {
    @Test
    void flags_round_trip_through_their_wire_names() {
        int flags = TransferFlags.fromNames(List.of("linked", "pending"));

        assertThat(flags).isEqualTo(TransferFlags.LINKED | TransferFlags.PENDING);
        assertThat(TransferFlags.names(flags)).containsExactly("linked", "pending");
        assertThat(AccountFlags.names(AccountFlags.fromNames(List.of("history", "debits_must_not_exceed_credits"))))
                .containsExactly("debits_must_not_exceed_credits", "history");
    }

    @Test
    void an_unknown_flag_name_is_refused_with_the_known_names() {
        assertThatThrownBy(() -> TransferFlags.fromNames(List.of("expedited")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expedited")
                .hasMessageContaining("post_pending_transfer");
        assertThatThrownBy(() -> TransferFlags.fromNames(List.of("")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void result_codes_are_unique_so_clients_can_store_them() {
        assertThat(Arrays.stream(CreateTransferResult.values()).map(CreateTransferResult::code).distinct())
                .hasSize(CreateTransferResult.values().length);
        assertThat(Arrays.stream(CreateAccountResult.values()).map(CreateAccountResult::code).distinct())
                .hasSize(CreateAccountResult.values().length);
        assertThat(CreateTransferResult.EXCEEDS_CREDITS.wireName()).isEqualTo("exceeds_credits");
    }

    @Test
    void available_subtracts_holds_from_what_was_credited() {
        Balances balances = new Balances(30, 50, 0, 200);

        assertThat(balances.available(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)).isEqualTo(120);
        assertThat(new Balances(0, 500, 40, 100).available(AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)).isEqualTo(360);
    }
}
