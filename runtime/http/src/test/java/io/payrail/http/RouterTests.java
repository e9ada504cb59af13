package io.payrail.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.http.internal.Router;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTests {
    private static final RouteHandler NOTHING = context -> HttpResult.noContent();
    private final Route byId = Route.get("/v1/payments/{id}", NOTHING);
    private final Route search = Route.get("/v1/payments/search", NOTHING);
    private final Route refund = Route.post("/v1/payments/{id}/refunds", NOTHING);
    private final Router router = new Router(List.of(byId, search, refund));

    @Test
    void a_template_binds_its_parameters() {
        assertThat(router.match(HttpMethod.GET, "/v1/payments/p_1"))
                .isEqualTo(new Router.Match.Found(byId, Map.of("id", "p_1")));
        assertThat(router.match(HttpMethod.POST, "/v1/payments/p_1/refunds"))
                .isEqualTo(new Router.Match.Found(refund, Map.of("id", "p_1")));
    }

    @Test
    void a_literal_segment_wins_over_a_parameter() {
        assertThat(router.match(HttpMethod.GET, "/v1/payments/search")).isEqualTo(new Router.Match.Found(search, Map.of()));
    }

    @Test
    void a_known_path_with_another_method_is_method_not_allowed() {
        assertThat(router.match(HttpMethod.DELETE, "/v1/payments/p_1"))
                .isEqualTo(new Router.Match.MethodNotAllowed(Set.of(HttpMethod.GET)));
        assertThat(router.match(null, "/v1/payments/p_1"))
                .isEqualTo(new Router.Match.MethodNotAllowed(Set.of(HttpMethod.GET)));
    }

    @Test
    void unknown_paths_and_empty_parameters_are_not_found() {
        assertThat(router.match(HttpMethod.GET, "/v1/payments/")).isEqualTo(new Router.Match.NotFound());
        assertThat(router.match(HttpMethod.GET, "/v1/other")).isEqualTo(new Router.Match.NotFound());
        assertThat(router.match(HttpMethod.GET, "/v1" + "/x".repeat(40))).isEqualTo(new Router.Match.NotFound());
    }

    @Test
    void two_routes_of_the_same_shape_are_refused() {
        assertThatThrownBy(() -> new Router(List.of(byId, Route.get("/v1/payments/{paymentId}", NOTHING))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("routes clash");
    }

    @Test
    void a_malformed_template_is_refused_with_the_template_in_the_message() {
        assertThatThrownBy(() -> Route.get("v1/no-slash", NOTHING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("v1/no-slash");
        assertThatThrownBy(() -> Route.get("/v1/{Bad Name}", NOTHING)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void routes_default_to_writer_and_idempotency_for_post_and_reader_for_get() {
        assertThat(refund.options()).isEqualTo(new RouteOptions(Role.WRITER, RouteOptions.PAYLOAD_BYTES_DEFAULT, true));
        assertThat(byId.options()).isEqualTo(new RouteOptions(Role.READER, RouteOptions.PAYLOAD_BYTES_DEFAULT, false));
        assertThat(refund.successStatus()).isEqualTo(201);
    }
}
