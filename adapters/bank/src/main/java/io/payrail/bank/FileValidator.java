package io.payrail.bank;

/**
 * Validates an ACH file as a bank would. The simulated bank's default is the {@code ach} module's
 * strict reader ({@link BankConnections#defaultValidator()}); tests may inject their own.
 */
@FunctionalInterface
public interface FileValidator {
    FileValidation validate(byte[] content);
}
