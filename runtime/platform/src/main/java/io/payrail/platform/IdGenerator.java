package io.payrail.platform;

import java.util.UUID;

/** Makes ids. Injected everywhere so tests and simulations can make ids deterministically. */
@FunctionalInterface
public interface IdGenerator {
    UUID next();
}
