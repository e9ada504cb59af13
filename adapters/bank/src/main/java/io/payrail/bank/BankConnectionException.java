package io.payrail.bank;

/** An operating failure talking to the bank: unreachable, authentication refused, host key refused. */
public class BankConnectionException extends RuntimeException {
    public BankConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

    public BankConnectionException(String message) {
        super(message);
    }
}
