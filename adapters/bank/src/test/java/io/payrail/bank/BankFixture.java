package io.payrail.bank;

import io.payrail.platform.testing.MutableClock;
import io.payrail.platform.UuidV7Generator;
import io.payrail.platform.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * A simulated bank, a database and a transfer service pinned to the bank, in a temporary directory.
 * Tests adjust the bank's settings (listeners, PGP, return rules) through {@code customize}.
 */
final class BankFixture implements AutoCloseable {
    static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    final Path directory;
    final TestDatabase database;
    final MutableClock clock = new MutableClock(DAY.atTime(9, 0).toInstant(ZoneOffset.UTC));
    final KeyPair clientKey = SshKeys.generate();
    final Path clientKeyFile;
    final SimulatedBank bank;
    final BankConnectionSettings settings;
    final BankFileTransfer transfer;

    BankFixture(UnaryOperator<SimulatedBankSettings> customize, FileProtection payrailProtection) {
        try {
            directory = Files.createTempDirectory("payrail-bank-test");
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        database = sharedDatabase();
        clientKeyFile = directory.resolve("payrail_key");
        SshKeys.write(clientKey, clientKeyFile);
        bank = SimulatedBank.start(customize.apply(BankConnections.simulatedSettings(directory.resolve("bank"),
                clientKey.getPublic(), new SplittableRandom(42))));
        Path knownHosts = directory.resolve("known_hosts");
        SshKeys.writeKnownHosts(knownHosts, "127.0.0.1", bank.port(), bank.hostKey());
        settings = new BankConnectionSettings(bank.address(), clientKeyFile, HostKeyPinning.knownHosts(knownHosts),
                SimulatedBank.INBOUND_FOLDER, SimulatedBank.OUTBOUND_FOLDER, Optional.empty());
        transfer = newTransfer(settings, payrailProtection);
    }

    private static TestDatabase shared;

    /**
     * One database for every fixture of the test JVM, emptied for each: creating and migrating a
     * database per test costs more than the test itself. Test classes run one after another.
     */
    static synchronized TestDatabase sharedDatabase() {
        if (shared == null) {
            shared = TestDatabase.create("platform", "bank");
        }
        shared.transactions().inTransaction(connection -> {
            try (var statement = connection.createStatement()) {
                return statement.executeUpdate("TRUNCATE bank_file_history, bank_file");
            }
        });
        return shared;
    }

    BankFixture() {
        this(UnaryOperator.identity(), FileProtection.NONE);
    }

    BankFileTransfer newTransfer(BankConnectionSettings connection, FileProtection protection) {
        return new BankFileTransfer(connection, database.transactions(), directory.resolve("archive"), protection, clock,
                new UuidV7Generator(clock, new SplittableRandom(7)));
    }

    /** Runs the bank's step at the fixture clock's time. */
    BankStep bankStep() {
        return bank.processUntil(clock.instant());
    }

    BankStep bankStepAt(Instant instant) {
        clock.set(instant);
        return bank.processUntil(instant);
    }

    List<String> inboundAtBank() {
        return list(bank.inboundFolder());
    }

    List<String> outboundAtBank() {
        return list(bank.outboundFolder());
    }

    private static List<String> list(Path folder) {
        try (var files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    static byte[] achFile(String fileIdModifier, String... accounts) {
        return AchTestFiles.credits(DAY, fileIdModifier, java.util.Arrays.stream(accounts)
                .map(account -> new AchTestFiles.Payment(account, 12_500)).toList());
    }

    @Override
    public void close() {
        transfer.close();
        bank.close();
        TestDirectories.delete(directory);
    }
}
