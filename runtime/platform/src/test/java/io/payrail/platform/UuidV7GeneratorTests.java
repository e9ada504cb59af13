package io.payrail.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidV7GeneratorTests {

    @Test
    void ids_carry_version_seven_and_the_clock_millis() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
        UUID id = new UuidV7Generator(clock, new SplittableRandom(1)).next();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(clock.millis());
    }

    @Test
    void the_same_seed_and_clock_replay_the_same_ids() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
        UUID first = new UuidV7Generator(clock, new SplittableRandom(42)).next();
        UUID second = new UuidV7Generator(clock, new SplittableRandom(42)).next();
        assertThat(first).isEqualTo(second);
    }
}
