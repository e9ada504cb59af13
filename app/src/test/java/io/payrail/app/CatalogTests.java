package io.payrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.function.Catalog;
import io.payrail.function.FunctionRegistry;
import io.payrail.ledger.web.LedgerRoutes;
import org.junit.jupiter.api.Test;

class CatalogTests {

    private static FunctionRegistry registry() {
        return NodeFunctions.catalog(NodeFunctions.background(NodeFunctions.Services.unavailable()),
                new LedgerRoutes(() -> {
                    throw new IllegalStateException("not running");
                }).routes());
    }

    @Test
    void the_catalog_lists_the_node_schedules_and_every_ledger_route_as_a_function() {
        String text = Catalog.render(registry(), Catalog.Format.TEXT);
        assertThat(text).contains("http.idempotency-cleanup", "queue.retention", "bank.receive-files",
                "http.post.v1.ledger.transfers", "http.get.v1.ledger.accounts.id.entries");
    }

    @Test
    void the_dot_format_draws_a_digraph_with_an_edge_from_each_schedule_to_its_function() {
        String dot = Catalog.render(registry(), Catalog.Format.DOT);
        assertThat(dot.strip()).startsWith("digraph").endsWith("}");
        assertThat(dot).contains("bank-receive-files").contains("->");
    }

    @Test
    void running_a_catalog_only_declaration_fails_loudly_instead_of_doing_nothing() {
        var function = registry().function("http.post.v1.ledger.transfers").orElseThrow();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> function.handler().handle(null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("served by the gateway");
    }
}
