package io.payrail.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start Payrail: database, HTTP gateway, subscriptions, schedules and the simulated bank.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "${env:PAYRAIL_HTTP_PORT:-8080}",
            description = "HTTP port (env PAYRAIL_HTTP_PORT, default ${DEFAULT-VALUE}; 0 picks a free port).")
    int port;

    /** From the moment the operating system started this process, so JVM start-up counts too. */
    private static Duration sinceProcessStart() {
        Instant started = ProcessHandle.current().info().startInstant().orElse(null);
        return started == null ? Duration.ZERO : Duration.between(started, Platform.clock().instant());
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Node node = Node.start(new NodeSettings(port, true));
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            try {
                node.close();
            } finally {
                // Even if closing failed: the signal handler replaced the JVM's own, so the process
                // ends only when this main thread returns.
                stopped.countDown();
            }
        };
        // The signal handler stops the node before the JVM's shutdown begins (see StopSignals); the
        // hook covers every other way the JVM can end. Node.close() runs once, whichever comes first.
        StopSignals.install(stop);
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "payrail-shutdown"));
        out.printf("Payrail is listening on http://localhost:%d (ready %d ms after the process started)%n", node.httpPort(),
                sinceProcessStart().toMillis());
        for (String line : node.describe()) {
            out.println("  " + line);
        }
        out.flush();
        stopped.await();
        return 0;
    }
}
