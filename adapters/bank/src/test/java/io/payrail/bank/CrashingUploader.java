package io.payrail.bank;

import io.payrail.platform.Database;
import io.payrail.platform.UuidV7Generator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The child JVM of {@link CrashRecoveryTests}: uploads one file and is killed by the parent while
 * the bank holds the rename. Arguments: jdbcUrl port clientKey knownHosts archiveDirectory fileToSend.
 */
public final class CrashingUploader {
    private CrashingUploader() {}

    public static void main(String[] arguments) throws Exception {
        try (var pool = Database.pool(arguments[0], 2)) {
            var settings = new BankConnectionSettings(new SftpAddress(BankConnections.SIMULATED_USER, "127.0.0.1",
                    Integer.parseInt(arguments[1]), "/"), Path.of(arguments[2]), HostKeyPinning.knownHosts(Path.of(arguments[3])),
                    SimulatedBank.INBOUND_FOLDER, SimulatedBank.OUTBOUND_FOLDER, Optional.empty());
            Clock clock = Clock.systemUTC();
            try (var transfer = new BankFileTransfer(settings, new io.payrail.platform.Transactions(pool), Path.of(arguments[4]),
                    FileProtection.NONE, clock, new UuidV7Generator(clock, new SplittableRandom()))) {
                transfer.upload("CRASH.ach", BankFileKind.ACH_FILE, Files.readAllBytes(Path.of(arguments[5])));
            }
        }
    }
}
