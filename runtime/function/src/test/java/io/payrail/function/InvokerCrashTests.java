package io.payrail.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.platform.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InvokerCrashTests {
    @Test
    void a_node_killed_mid_invocation_frees_its_slot_and_leaves_no_effect() throws Exception {
        try (TestDatabase database = TestDatabase.create("platform", "function")) {
            database.transactions().inTransaction(connection -> connection.createStatement().execute(
                    "CREATE TABLE effect (note text NOT NULL)"));
            String java = ProcessHandle.current().info().command().orElseThrow();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    InvokerNodeMain.class.getName(), database.jdbcUrl()).redirectErrorStream(true).start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line = lines.readLine();
                while (line != null && !line.equals("running")) {
                    line = lines.readLine();
                }
                assertThat(line).as("the child's handler is running").isEqualTo("running");
                FunctionInvoker survivor = new FunctionInvoker(database.dataSource(), Clock.systemUTC(), new Random(1),
                        Sleeper.REAL, Duration.ofMillis(300));
                FunctionDeclaration function = InvokerNodeMain.singleSlotFunction("survivor", Duration.ZERO);

                InvocationResult whileChildRuns = survivor.invoke(function, InvocationRequest.of("{}", "a", Trace.start("t", "c", null)));
                child.destroyForcibly().waitFor();
                FunctionInvoker patient = new FunctionInvoker(database.dataSource(), Clock.systemUTC(), new Random(2),
                        Sleeper.REAL, Duration.ofSeconds(30));
                InvocationResult afterKill = patient.invoke(function, InvocationRequest.of("{}", "b", Trace.start("t", "c", null)));

                assertThat(whileChildRuns).isInstanceOf(InvocationResult.Throttled.class);
                assertThat(afterKill).isInstanceOf(InvocationResult.Succeeded.class);
            } finally {
                child.destroyForcibly();
            }
            assertThat(effects(database)).containsExactly("survivor");
        }
    }

    private static List<String> effects(TestDatabase database) {
        return database.transactions().read(connection -> {
            List<String> notes = new ArrayList<>();
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT note FROM effect ORDER BY note")) {
                while (rows.next()) {
                    notes.add(rows.getString(1));
                }
            }
            return notes;
        });
    }
}
