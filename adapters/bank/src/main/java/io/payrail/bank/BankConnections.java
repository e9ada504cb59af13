package io.payrail.bank;

import io.payrail.bank.internal.AchModuleReturnWriter;
import io.payrail.bank.internal.AchModuleValidator;
import io.payrail.platform.IdGenerator;
import io.payrail.platform.Transactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Connects Payrail to its bank. With {@value BankConnectionSettings#URL_VARIABLE} set, to that real
 * SFTP server with the configured keys. Without it, starts the simulated bank on a free loopback
 * port, with a client key, the bank's host key and a known-hosts file generated once in
 * {@code bankHome} ({@code .payrail/bank} in production use, a temporary directory in tests).
 */
public final class BankConnections {
    public static final String SIMULATED_USER = "payrail";
    public static final String SIMULATED_BANK_ROUTING = "091000019";
    public static final String SIMULATED_PAYRAIL_ROUTING = "021000021";

    private BankConnections() {}

    public static BankConnection open(Map<String, String> environment, Path bankHome, Transactions transactions, Clock clock,
            IdGenerator ids, RandomGenerator random) {
        Optional<BankConnectionSettings> configured = BankConnectionSettings.fromEnvironment(environment);
        if (configured.isPresent()) {
            BankConnectionSettings settings = configured.get();
            FileProtection protection = settings.pgp().<FileProtection>map(OpenPgpProtection::load).orElse(FileProtection.NONE);
            return new BankConnection(settings, new BankFileTransfer(settings, transactions, bankHome.resolve("archive"),
                    protection, clock, ids), Optional.empty());
        }
        return openSimulated(bankHome, transactions, clock, ids, random);
    }

    /** The simulated bank with default behaviour, and a transfer service pinned to its host key. */
    public static BankConnection openSimulated(Path bankHome, Transactions transactions, Clock clock, IdGenerator ids,
            RandomGenerator random) {
        Path clientKey = bankHome.resolve("payrail_id_ecdsa");
        if (!Files.exists(clientKey)) {
            SshKeys.write(SshKeys.generate(), clientKey);
        }
        SimulatedBank bank = SimulatedBank.start(simulatedSettings(bankHome.resolve("simulated"),
                SshKeys.read(clientKey).getPublic(), random));
        try {
            Path knownHosts = bankHome.resolve("known_hosts");
            SshKeys.writeKnownHosts(knownHosts, "127.0.0.1", bank.port(), bank.hostKey());
            BankConnectionSettings settings = new BankConnectionSettings(bank.address(), clientKey,
                    HostKeyPinning.knownHosts(knownHosts), SimulatedBank.INBOUND_FOLDER, SimulatedBank.OUTBOUND_FOLDER, Optional.empty());
            BankFileTransfer transfer = new BankFileTransfer(settings, transactions, bankHome.resolve("archive"),
                    FileProtection.NONE, clock, ids);
            return new BankConnection(settings, transfer, Optional.of(bank));
        } catch (RuntimeException failure) {
            bank.close();
            throw failure;
        }
    }

    /** The simulated bank's default settings: returns by account ending 1/2/3, no PGP, no faults. */
    public static SimulatedBankSettings simulatedSettings(Path directory, java.security.PublicKey clientKey, RandomGenerator random) {
        return new SimulatedBankSettings(directory, 0, SIMULATED_USER, List.of(clientKey), SIMULATED_BANK_ROUTING,
                SIMULATED_PAYRAIL_ROUTING, ReturnRules.defaults(), random, defaultValidator(), defaultReturnWriter(),
                FileProtection.NONE, List.of());
    }

    /** The ACH validator the simulated bank uses: the {@code ach} module's strict reader. */
    public static FileValidator defaultValidator() {
        return new AchModuleValidator();
    }

    /** The writer of the simulated bank's return and change files: the {@code ach} module's writer. */
    public static ReturnFileWriter defaultReturnWriter() {
        return new AchModuleReturnWriter();
    }
}
