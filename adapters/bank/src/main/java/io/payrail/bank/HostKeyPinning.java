package io.payrail.bank;

import io.payrail.platform.Check;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the bank's host key is checked: against an OpenSSH known-hosts file, or against one pinned
 * fingerprint ({@code SHA256:...}, as {@code ssh-keygen -lf} prints it). One of the two is required:
 * Payrail never trusts a host key on first use.
 */
public record HostKeyPinning(Optional<Path> knownHostsFile, Optional<String> fingerprint) {
    public HostKeyPinning {
        Check.notNull(knownHostsFile, "knownHostsFile");
        Check.notNull(fingerprint, "fingerprint");
        Check.argument(knownHostsFile.isPresent() || fingerprint.isPresent(),
                "the bank host key must be pinned: give a known-hosts file or a SHA256 fingerprint");
        fingerprint.ifPresent(value -> Check.argument(value.startsWith("SHA256:"),
                "the pinned host key fingerprint must look like SHA256:<base64>, got %s", value));
    }

    public static HostKeyPinning knownHosts(Path file) {
        return new HostKeyPinning(Optional.of(file), Optional.empty());
    }

    public static HostKeyPinning fingerprint(String fingerprint) {
        return new HostKeyPinning(Optional.empty(), Optional.of(fingerprint));
    }
}
