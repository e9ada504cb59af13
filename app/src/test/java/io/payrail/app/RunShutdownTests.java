package io.payrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code payrail run} in a real separate JVM, stopped the way {@code kill} and {@code docker stop} stop
 * it (SIGTERM to the JVM alone): the signal goes to {@link StopSignals}, the node stops in order with
 * the embedded database last, and the process exits with 0 (unhandled, SIGTERM ends the JVM with 143
 * while the JVM's hooks, the embedded database's among them, run side by side). The warnings that
 * the old order printed ("terminating connection due to administrator command") needed work in
 * flight at the moment of the signal, which a fresh node seldom has; the test checks they are absent
 * but cannot force them.
 */
class RunShutdownTests {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    /** Running a while first, so the subscriptions, schedules and the bank are all at work when it stops. */
    private static final Duration RUNNING_BEFORE_STOP = Duration.ofSeconds(3);

    @TempDir
    Path home;

    @Test
    void sigterm_stops_the_node_before_its_embedded_database_and_exits_cleanly() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, "-Dpayrail.home=" + home, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--port", "0").redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        CountDownLatch listening = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().start(() -> read(process, output, listening));
        try {
            assertThat(listening.await(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("started; output so far:%n%s", output).isTrue();
            Thread.sleep(RUNNING_BEFORE_STOP);

            process.destroy(); // SIGTERM

            assertThat(process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("stopped; output:%n%s", output).isTrue();
            reader.join(STOP_TIMEOUT);
            assertThat(output.toString()).as("what the node printed")
                    .doesNotContain("administrator command").doesNotContain("stack_trace");
            assertThat(process.exitValue()).as("exit code (143 when SIGTERM ends the JVM unhandled); output:%n%s", output).isZero();
            assertThat(home.resolve(".payrail/postgres/postmaster.pid")).as("the embedded server's pid file").doesNotExist();
        } finally {
            process.destroyForcibly();
        }
    }

    private static void read(Process process, StringBuilder output, CountDownLatch listening) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                if (line.startsWith("Payrail is listening")) {
                    listening.countDown();
                }
            }
        } catch (java.io.IOException ended) {
            // The process ended; what it printed is in the output.
        }
    }
}
