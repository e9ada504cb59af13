package io.payrail.ach;

import java.util.List;
import java.util.Objects;

/** An entry detail with its addenda, in file order. */
public record Entry(EntryDetail detail, List<Addenda> addenda) {
    public Entry {
        Objects.requireNonNull(detail, "detail");
        addenda = List.copyOf(addenda);
    }

    public static Entry of(EntryDetail detail, Addenda... addenda) {
        return new Entry(detail, List.of(addenda));
    }
}
