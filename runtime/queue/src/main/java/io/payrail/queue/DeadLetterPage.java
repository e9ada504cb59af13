package io.payrail.queue;

import java.util.List;

/** One page of a dead-letter queue; {@code nextCursor} is null on the last page. */
public record DeadLetterPage(String queue, List<DeadLetter> letters, String nextCursor) {}
