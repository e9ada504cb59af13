package io.payrail.app;

import io.payrail.platform.IdGenerator;
import io.payrail.platform.UuidV7Generator;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The one place that reads the machine's clock and entropy. Everything below the app receives them
 * as arguments, so tests and simulations can replace them.
 */
public final class Platform {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final IdGenerator IDS = new UuidV7Generator(CLOCK, RANDOM);

    private Platform() {}

    public static Clock clock() {
        return CLOCK;
    }

    public static SecureRandom random() {
        return RANDOM;
    }

    public static IdGenerator ids() {
        return IDS;
    }
}
