package io.payrail.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.payrail.platform.Check;
import java.util.List;

/**
 * One page of a list: {@code {"object":"list","data":[...],"has_more":true}}. The next page starts
 * after the last item's id.
 */
public record Page<T>(List<T> data, @JsonProperty("has_more") boolean hasMore) {
    public Page {
        data = List.copyOf(data);
        Check.argument(data.size() <= PageRequest.LIMIT_MAX, "a page holds at most %d items, got %d",
                PageRequest.LIMIT_MAX, data.size());
    }

    @JsonProperty("object")
    public String object() {
        return "list";
    }

    /**
     * Builds the page from rows fetched with {@link PageRequest#fetchSize()}: the extra row, if it
     * came, is dropped and means there is more.
     */
    public static <T> Page<T> of(List<T> fetched, PageRequest request) {
        Check.argument(fetched.size() <= request.fetchSize(), "fetched %d rows for a page of %d: fetch limit + 1",
                fetched.size(), request.limit());
        boolean more = fetched.size() > request.limit();
        return new Page<>(more ? fetched.subList(0, request.limit()) : fetched, more);
    }
}
