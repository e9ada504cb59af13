package io.payrail.bank;

import io.payrail.platform.Check;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.sshd.sftp.server.SftpEventListener;

/**
 * How the simulated bank behaves. {@code port} 0 picks a free loopback port. {@code protection} is
 * the bank's side of PGP (decrypts Payrail's files, encrypts its own), or {@link FileProtection#NONE}.
 * {@code sftpListeners} see every SFTP operation: tests use them to cut connections at chosen moments.
 */
public record SimulatedBankSettings(
        Path directory,
        int port,
        String user,
        List<PublicKey> authorizedKeys,
        String bankRouting,
        String payrailRouting,
        ReturnRules returnRules,
        RandomGenerator random,
        FileValidator validator,
        ReturnFileWriter returnWriter,
        FileProtection protection,
        List<SftpEventListener> sftpListeners) {
    public SimulatedBankSettings {
        Check.notNull(directory, "directory");
        Check.argument(port >= 0 && port < 65_536, "port must be 0..65535, got %d", port);
        Check.argument(user != null && user.matches("[a-z_][a-z0-9_-]{0,31}"), "user must be a login name, got %s", user);
        Check.argument(!authorizedKeys.isEmpty(), "the simulated bank needs at least one authorized client key");
        Check.argument(bankRouting.matches("[0-9]{9}"), "bank routing must be 9 digits, got %s", bankRouting);
        Check.argument(payrailRouting.matches("[0-9]{9}"), "payrail routing must be 9 digits, got %s", payrailRouting);
        Check.notNull(returnRules, "returnRules");
        Check.notNull(random, "random");
        Check.notNull(validator, "validator");
        Check.notNull(returnWriter, "returnWriter");
        Check.notNull(protection, "protection");
        authorizedKeys = List.copyOf(authorizedKeys);
        sftpListeners = List.copyOf(sftpListeners);
    }

    public SimulatedBankSettings withProtection(FileProtection bankProtection) {
        return new SimulatedBankSettings(directory, port, user, authorizedKeys, bankRouting, payrailRouting, returnRules,
                random, validator, returnWriter, bankProtection, sftpListeners);
    }

    public SimulatedBankSettings withSftpListeners(List<SftpEventListener> listeners) {
        return new SimulatedBankSettings(directory, port, user, authorizedKeys, bankRouting, payrailRouting, returnRules,
                random, validator, returnWriter, protection, listeners);
    }

    public SimulatedBankSettings withReturnRules(ReturnRules rules) {
        return new SimulatedBankSettings(directory, port, user, authorizedKeys, bankRouting, payrailRouting, rules,
                random, validator, returnWriter, protection, sftpListeners);
    }
}
