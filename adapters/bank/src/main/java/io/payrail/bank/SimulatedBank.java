package io.payrail.bank;

import io.payrail.bank.internal.BankBook;
import io.payrail.bank.internal.BankProcessor;
import io.payrail.bank.internal.SimulatedSftpServer;
import io.payrail.platform.Check;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bank that behaves like an ODFI behind an SFTP server, for local runs and tests. Payrail puts
 * files in {@code /inbound}; the bank writes acknowledgments, returns, notifications of change and
 * settlement reports to {@code /outbound}. Nothing happens until a processing step runs: tests call
 * {@link #processUntil(Instant)} with the time they want, {@code ./payrail run} starts
 * {@link #runInBackground(Clock, Duration)}.
 */
public final class SimulatedBank implements AutoCloseable {
    public static final String INBOUND_FOLDER = "inbound";
    public static final String OUTBOUND_FOLDER = "outbound";
    public static final Duration BACKGROUND_INTERVAL_MIN = Duration.ofMillis(100);
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedBank.class);

    private final SimulatedBankSettings settings;
    private final KeyPair hostKey;
    private final Path inbound;
    private final Path outbound;
    private final BankProcessor processor;
    private final SimulatedSftpServer server;
    private volatile Thread background;
    private Instant lastStep = Instant.MIN;

    private SimulatedBank(SimulatedBankSettings settings, KeyPair hostKey, Path inbound, Path outbound, BankProcessor processor,
            SimulatedSftpServer server) {
        this.settings = settings;
        this.hostKey = hostKey;
        this.inbound = inbound;
        this.outbound = outbound;
        this.processor = processor;
        this.server = server;
    }

    /** Starts the bank; its host key and state persist in the settings' directory across restarts. */
    public static SimulatedBank start(SimulatedBankSettings settings) {
        Path directory = settings.directory().toAbsolutePath();
        Path root = directory.resolve("sftp");
        Path inbound = root.resolve(INBOUND_FOLDER);
        Path outbound = root.resolve(OUTBOUND_FOLDER);
        try {
            Files.createDirectories(inbound);
            Files.createDirectories(outbound);
        } catch (IOException failure) {
            throw new UncheckedIOException("could not create the simulated bank in " + directory + ": " + failure.getMessage(), failure);
        }
        Path hostKeyFile = directory.resolve("host_key");
        if (!Files.exists(hostKeyFile)) {
            SshKeys.write(SshKeys.generate(), hostKeyFile);
        }
        KeyPair hostKey = SshKeys.read(hostKeyFile);
        BankProcessor processor = new BankProcessor(settings, inbound, outbound, BankBook.load(directory.resolve("state.json")));
        SimulatedSftpServer server = SimulatedSftpServer.start(root, settings.port(), hostKey, settings.user(),
                settings.authorizedKeys(), settings.sftpListeners());
        return new SimulatedBank(settings, hostKey, inbound, outbound, processor, server);
    }

    /** Runs one processing step as of {@code now}: pick-ups, acknowledgments, settlement, reports. */
    public synchronized BankStep processUntil(Instant now) {
        Check.argument(!now.isBefore(lastStep), "the simulated bank's time only moves forward: %s is before %s", now, lastStep);
        lastStep = now;
        return processor.step(now);
    }

    /** One step at the clock's current time (tests move the clock, then call this). */
    public BankStep processUntil(Clock clock) {
        return processUntil(clock.instant());
    }

    /** Lets time pass to {@code instant} (one step: entries due by then settle, finished days get reports). */
    public BankStep advanceTo(Instant instant) {
        return processUntil(instant);
    }

    /** Steps every {@code interval} on {@code clock} until closed (for {@code ./payrail run}). */
    public synchronized void runInBackground(Clock clock, Duration interval) {
        Check.argument(interval.compareTo(BACKGROUND_INTERVAL_MIN) >= 0, "interval must be at least %s, got %s",
                BACKGROUND_INTERVAL_MIN, interval);
        Check.that(background == null, "the simulated bank already runs in the background");
        background = Thread.ofVirtual().name("simulated-bank").start(() -> loop(clock, interval));
    }

    private void loop(Clock clock, Duration interval) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(interval);
                processUntil(clock.instant());
            } catch (InterruptedException stop) {
                return;
            } catch (RuntimeException failure) {
                // A bad step (e.g. a full disk) must not stop the bank; the next step tries again.
                LOG.warn("simulated bank step failed: {}", failure.getMessage());
            }
        }
    }

    public int port() {
        return server.port();
    }

    public String user() {
        return settings.user();
    }

    public PublicKey hostKey() {
        return hostKey.getPublic();
    }

    public String hostKeyFingerprint() {
        return SshKeys.fingerprint(hostKey.getPublic());
    }

    /** Where Payrail connects: {@code sftp://user@127.0.0.1:port/}. */
    public SftpAddress address() {
        return new SftpAddress(settings.user(), "127.0.0.1", port(), "/");
    }

    /** The bank's local view of the folder Payrail uploads to (tests look inside it). */
    public Path inboundFolder() {
        return inbound;
    }

    public Path outboundFolder() {
        return outbound;
    }

    @Override
    public void close() {
        Thread running = background;
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(10));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        server.close();
    }
}
