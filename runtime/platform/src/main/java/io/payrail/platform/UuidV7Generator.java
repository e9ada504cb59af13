package io.payrail.platform;

import java.time.Clock;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * RFC 9562 version 7 ids: 48 bits of Unix milliseconds, then random bits. Time-ordered ids keep
 * B-tree inserts at the right edge of the index, which matters for append-heavy tables.
 * The clock and the randomness are injected, so a seeded generator replays the same ids.
 */
public final class UuidV7Generator implements IdGenerator {
    private final Clock clock;
    private final RandomGenerator random;

    public UuidV7Generator(Clock clock, RandomGenerator random) {
        this.clock = Check.notNull(clock, "clock");
        this.random = Check.notNull(random, "random");
    }

    @Override
    public UUID next() {
        long millis = clock.millis();
        long randomHigh = random.nextLong();
        long randomLow = random.nextLong();
        long mostSignificant = (millis << 16) | 0x7000L | (randomHigh & 0x0FFFL);
        long leastSignificant = (randomLow & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
