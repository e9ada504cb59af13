package io.payrail.function;

import com.zaxxer.hikari.HikariDataSource;
import io.payrail.platform.Database;
import io.payrail.platform.UuidV7Generator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * A Payrail node that only runs the scheduler loop, for tests that need a second JVM on the same
 * database. Arguments: JDBC URL, node name, seconds to run, optionally "slow" (each delivery announces
 * itself, then takes 1.5 s, so a kill on the announcement finds the tick claimed and uncommitted). Prints "started" once the loop runs.
 */
public final class SchedulerNodeMain {
    static final String SCHEDULE = "rate(1 second)";

    private SchedulerNodeMain() {}

    public static void main(String[] arguments) throws Exception {
        String jdbcUrl = arguments[0];
        String node = arguments[1];
        long seconds = Long.parseLong(arguments[2]);
        boolean slow = arguments.length > 3 && arguments[3].equals("slow");
        try (HikariDataSource pool = Database.pool(jdbcUrl, 8);
                Scheduler scheduler = slow ? scheduler(pool, node, ScheduleProbe.slowFunction(node, true)) : scheduler(pool, node)) {
            scheduler.start();
            System.out.println("started");
            System.out.flush();
            Thread.sleep(Duration.ofSeconds(seconds));
        }
        System.out.println("stopped");
    }

    static Scheduler scheduler(HikariDataSource pool, String node) {
        return scheduler(pool, node, ScheduleProbe.function(node, Trigger.Schedule.of("every-second", SCHEDULE), attempt -> false));
    }

    static Scheduler scheduler(HikariDataSource pool, String node, FunctionDeclaration function) {
        Clock clock = Clock.systemUTC();
        FunctionInvoker invoker = new FunctionInvoker(pool, clock, new Random(), Sleeper.REAL, Duration.ofSeconds(10));
        return new Scheduler(pool, clock, new UuidV7Generator(clock, new SecureRandom()), invoker, List.of(function),
                new Scheduler.Options(node, Duration.ofSeconds(5), Duration.ofSeconds(2)), Sleeper.REAL);
    }
}
