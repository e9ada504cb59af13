package io.payrail.function;

import io.payrail.platform.Check;
import java.time.Duration;

/**
 * What a schedule does with ticks missed while no node ran. A tick is missed when it is found due
 * more than {@code misfireThreshold} after its time; a tick found within the threshold is on time
 * and always fires.
 *
 * @param missed           the policy for missed ticks
 * @param misfireThreshold how late a tick may be found and still count as on time
 * @param fireAllMax       under {@link Missed#FIRE_ALL}, the most missed ticks fired (the latest ones)
 */
public record CatchUpPolicy(Missed missed, Duration misfireThreshold, int fireAllMax) {
    /** The most missed ticks {@link Missed#FIRE_ALL} may ever fire in one catch-up. */
    public static final int FIRE_ALL_MAX = 1_000;
    /** Missed ticks older than this before now are never considered (bounds the catch-up scan). */
    public static final Duration HORIZON = Duration.ofDays(31);
    /**
     * The default: fire one catch-up tick for all missed ones, 1 minute of tolerance. A daily job
     * that was down for three days runs once when it comes back, not three times in a row and not
     * never; this is what most teams expect of a report or a sweep.
     */
    public static final CatchUpPolicy DEFAULT = new CatchUpPolicy(Missed.FIRE_ONCE, Duration.ofMinutes(1), 100);

    public CatchUpPolicy {
        Check.notNull(missed, "missed");
        Check.notNull(misfireThreshold, "misfireThreshold");
        Check.argument(!misfireThreshold.isNegative() && misfireThreshold.compareTo(HORIZON) < 0,
                "misfireThreshold must be 0..%s, got %s", HORIZON, misfireThreshold);
        Check.argument(fireAllMax >= 1 && fireAllMax <= FIRE_ALL_MAX,
                "fireAllMax must be 1..%d, got %d", FIRE_ALL_MAX, fireAllMax);
    }

    public static CatchUpPolicy of(Missed missed) {
        return new CatchUpPolicy(missed, DEFAULT.misfireThreshold, DEFAULT.fireAllMax);
    }

    public enum Missed {
        /** Fire one tick (the latest missed one) standing for all missed ones. */
        FIRE_ONCE,
        /** Fire each missed tick, oldest first, but at most {@code fireAllMax} (the latest ones). */
        FIRE_ALL,
        /** Fire none of them; the next tick is the next future one. */
        SKIP
    }
}
