package io.payrail.bank;

import java.util.Optional;

/** A ready bank connection: its settings, the transfer service, and the simulated bank when there is no real one. */
public record BankConnection(BankConnectionSettings settings, BankFileTransfer transfer, Optional<SimulatedBank> simulatedBank)
        implements AutoCloseable {
    @Override
    public void close() {
        transfer.close();
        simulatedBank.ifPresent(SimulatedBank::close);
    }
}
