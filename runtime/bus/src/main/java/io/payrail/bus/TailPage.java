package io.payrail.bus;

import io.payrail.store.RecordedEvent;
import java.util.List;

/**
 * One page of {@code payrail events tail}.
 *
 * @param events       the matching events of the page, in log order
 * @param nextPosition where the next page starts (pass it as {@code afterPosition})
 */
public record TailPage(List<RecordedEvent> events, long nextPosition) {}
