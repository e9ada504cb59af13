package io.payrail.http.bench;

import io.payrail.platform.Database;
import java.nio.file.Path;

/**
 * Starts {@link EchoServer} on embedded PostgreSQL for a manual wrk run (not a test):
 * {@code java -cp ... io.payrail.http.bench.EchoServerLauncher <dataDirectory> <port> <poolSize>}.
 * Prints the API key on standard output, then serves until killed.
 */
public final class EchoServerLauncher {
    private EchoServerLauncher() {}

    public static void main(String[] arguments) throws InterruptedException {
        Path dataDirectory = Path.of(arguments[0]);
        int port = Integer.parseInt(arguments[1]);
        int poolSize = Integer.parseInt(arguments[2]);
        Database database = Database.open(null, dataDirectory, poolSize);
        EchoServer.Running running = EchoServer.start(database, new EchoServer.Options(port, "bench"), System.err);
        System.out.println(running.results().get("api_key"));
        System.out.flush();
        Thread.currentThread().join();
    }
}
