package io.payrail.function;

import com.zaxxer.hikari.HikariDataSource;
import io.payrail.platform.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;

/**
 * A node that runs one invocation of a reserved-concurrency-1 function whose handler writes its
 * effect, prints "running" and then waits far longer than any test, to be killed mid-invocation.
 * Argument: JDBC URL.
 */
public final class InvokerNodeMain {
    private InvokerNodeMain() {}

    static FunctionDeclaration singleSlotFunction(String effect, Duration wait) {
        return FunctionInvokerTests.declare("single-slot", FunctionInvokerTests.limits(Duration.ofMinutes(5), 1, 1), context -> {
            FunctionInvokerTests.insertEffect(context.transaction(), effect);
            System.out.println("running");
            System.out.flush();
            Thread.sleep(wait);
            return null;
        });
    }

    public static void main(String[] arguments) {
        try (HikariDataSource pool = Database.pool(arguments[0], 4)) {
            FunctionInvoker invoker = new FunctionInvoker(pool, Clock.systemUTC(), new Random(), Sleeper.REAL, Duration.ofSeconds(30));
            invoker.invoke(singleSlotFunction("killed", Duration.ofMinutes(4)),
                    InvocationRequest.of("{}", "killed", Trace.start("t", "c", null)));
        }
    }
}
