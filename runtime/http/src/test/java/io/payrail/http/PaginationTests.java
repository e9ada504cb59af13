package io.payrail.http;

import static io.payrail.http.ProblemDocumentTests.assertProblem;
import static io.payrail.http.ProblemDocumentTests.readTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PaginationTests {
    record Thing(String id) {}

    private static final List<Thing> THINGS = IntStream.rangeClosed(1, 25)
            .mapToObj(number -> new Thing(String.format("t_%03d", number))).toList();

    @Test
    void no_parameters_give_the_default_limit_and_no_cursor() {
        assertThat(PageRequest.parse(null, null)).isEqualTo(new PageRequest(PageRequest.LIMIT_DEFAULT, null));
    }

    @Test
    void a_limit_outside_1_to_100_or_not_a_number_is_a_limit_invalid_problem() {
        for (String bad : List.of("0", "101", "-1", "ten", "", "99999999999")) {
            assertThatThrownBy(() -> PageRequest.parse(bad, null))
                    .isInstanceOfSatisfying(ProblemException.class, problem -> {
                        assertThat(problem.result().status()).isEqualTo(400);
                        assertThat(problem.result().problem().code()).isEqualTo("limit_invalid");
                        assertThat(problem.result().problem().param()).isEqualTo("limit");
                    });
        }
    }

    @Test
    void a_malformed_cursor_is_a_cursor_invalid_problem() {
        for (String bad : List.of("", "has space", "x".repeat(129), "semi;colon")) {
            assertThatThrownBy(() -> PageRequest.parse("10", bad))
                    .isInstanceOfSatisfying(ProblemException.class, problem ->
                            assertThat(problem.result().problem().param()).isEqualTo("starting_after"));
        }
    }

    @Test
    void a_page_drops_the_extra_row_and_says_there_is_more() {
        PageRequest request = PageRequest.first(3);
        Page<Thing> page = Page.of(THINGS.subList(0, request.fetchSize()), request);
        assertThat(page.data()).extracting(Thing::id).containsExactly("t_001", "t_002", "t_003");
        assertThat(page.hasMore()).isTrue();
        Page<Thing> last = Page.of(THINGS.subList(0, 2), request);
        assertThat(last.hasMore()).isFalse();
    }

    @Test
    void pages_over_http_walk_the_whole_list_once() {
        try (GatewayFixture fixture = new GatewayFixture(builder -> builder
                .route(Route.get("/v1/things", PaginationTests::list).paginated(Thing.class)))) {
            List<String> seen = new java.util.ArrayList<>();
            String cursor = null;
            for (int pageNumber = 0; pageNumber < 10; pageNumber++) {
                String query = "?limit=10" + (cursor == null ? "" : "&starting_after=" + cursor);
                JsonNode page = readTree(fixture.get("/v1/things" + query, fixture.readerKey).body());
                assertThat(page.get("object").asText()).isEqualTo("list");
                page.get("data").forEach(item -> seen.add(item.get("id").asText()));
                if (!page.get("has_more").asBoolean()) {
                    break;
                }
                cursor = seen.getLast();
            }
            assertThat(seen).isEqualTo(THINGS.stream().map(Thing::id).toList());
            assertProblem(fixture.get("/v1/things?limit=500", fixture.readerKey), 400, "limit_invalid");
            assertProblem(fixture.get("/v1/things?starting_after=a%20b", fixture.readerKey), 400, "cursor_invalid");
        }
    }

    private static HttpResult list(RequestContext context) {
        PageRequest request = context.pageRequest();
        List<Thing> fetched = THINGS.stream()
                .filter(thing -> request.startingAfter() == null || thing.id().compareTo(request.startingAfter()) > 0)
                .limit(request.fetchSize())
                .toList();
        return HttpResult.ok(Page.of(fetched, request));
    }
}
