package io.payrail.bank;

import io.payrail.platform.Check;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How Payrail reaches its bank. Read from the environment by {@link #fromEnvironment(Map)}; without
 * {@value #URL_VARIABLE} there are no settings and {@link BankConnections} starts the simulated bank.
 *
 * @param uploadFolder   folder (relative to the URL's path) where Payrail puts outbound files
 * @param downloadFolder folder (relative to the URL's path) where the bank puts files for Payrail
 */
public record BankConnectionSettings(
        SftpAddress address,
        Path privateKeyFile,
        HostKeyPinning hostKeyPinning,
        String uploadFolder,
        String downloadFolder,
        Optional<PgpSettings> pgp) {
    public static final String URL_VARIABLE = "PAYRAIL_BANK_SFTP_URL";
    public static final String PRIVATE_KEY_VARIABLE = "PAYRAIL_BANK_PRIVATE_KEY";
    public static final String KNOWN_HOSTS_VARIABLE = "PAYRAIL_BANK_KNOWN_HOSTS";
    public static final String FINGERPRINT_VARIABLE = "PAYRAIL_BANK_HOST_KEY_FINGERPRINT";
    public static final String UPLOAD_FOLDER_VARIABLE = "PAYRAIL_BANK_UPLOAD_FOLDER";
    public static final String DOWNLOAD_FOLDER_VARIABLE = "PAYRAIL_BANK_DOWNLOAD_FOLDER";
    public static final String PGP_SECRET_KEY_VARIABLE = "PAYRAIL_BANK_PGP_SECRET_KEY";
    public static final String PGP_PASSPHRASE_VARIABLE = "PAYRAIL_BANK_PGP_PASSPHRASE";
    public static final String PGP_BANK_PUBLIC_KEY_VARIABLE = "PAYRAIL_BANK_PGP_BANK_PUBLIC_KEY";
    public static final String UPLOAD_FOLDER_DEFAULT = "inbound";
    public static final String DOWNLOAD_FOLDER_DEFAULT = "outbound";

    public BankConnectionSettings {
        Check.notNull(address, "address");
        Check.notNull(privateKeyFile, "privateKeyFile");
        Check.notNull(hostKeyPinning, "hostKeyPinning");
        Check.notNull(uploadFolder, "uploadFolder");
        Check.notNull(downloadFolder, "downloadFolder");
        Check.notNull(pgp, "pgp");
    }

    /** The settings named by the environment, or empty when {@value #URL_VARIABLE} is not set. */
    public static Optional<BankConnectionSettings> fromEnvironment(Map<String, String> environment) {
        String url = environment.get(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        SftpAddress address = SftpAddress.parse(url);
        Path privateKey = Path.of(required(environment, PRIVATE_KEY_VARIABLE));
        Optional<Path> knownHosts = optional(environment, KNOWN_HOSTS_VARIABLE).map(Path::of);
        Optional<String> fingerprint = optional(environment, FINGERPRINT_VARIABLE);
        Check.argument(knownHosts.isPresent() || fingerprint.isPresent(),
                "%s is set, so %s or %s must pin the bank's host key", URL_VARIABLE, KNOWN_HOSTS_VARIABLE, FINGERPRINT_VARIABLE);
        return Optional.of(new BankConnectionSettings(address, privateKey, new HostKeyPinning(knownHosts, fingerprint),
                optional(environment, UPLOAD_FOLDER_VARIABLE).orElse(UPLOAD_FOLDER_DEFAULT),
                optional(environment, DOWNLOAD_FOLDER_VARIABLE).orElse(DOWNLOAD_FOLDER_DEFAULT),
                pgpFromEnvironment(environment)));
    }

    private static Optional<PgpSettings> pgpFromEnvironment(Map<String, String> environment) {
        Optional<String> secretKey = optional(environment, PGP_SECRET_KEY_VARIABLE);
        Optional<String> bankKey = optional(environment, PGP_BANK_PUBLIC_KEY_VARIABLE);
        if (secretKey.isEmpty() && bankKey.isEmpty()) {
            return Optional.empty();
        }
        Check.argument(secretKey.isPresent() && bankKey.isPresent(),
                "PGP needs both %s and %s", PGP_SECRET_KEY_VARIABLE, PGP_BANK_PUBLIC_KEY_VARIABLE);
        char[] passphrase = optional(environment, PGP_PASSPHRASE_VARIABLE).orElse("").toCharArray();
        return Optional.of(new PgpSettings(Path.of(secretKey.get()), passphrase, Path.of(bankKey.get())));
    }

    private static String required(Map<String, String> environment, String name) {
        return optional(environment, name).orElseThrow(
                () -> new IllegalArgumentException(URL_VARIABLE + " is set, so " + name + " must be set too"));
    }

    private static Optional<String> optional(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public String uploadPath() {
        return address.resolve(uploadFolder);
    }

    public String downloadPath() {
        return address.resolve(downloadFolder);
    }
}
