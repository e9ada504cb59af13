package io.payrail.ach;

import java.util.Optional;

/** A notification of change: the receiving bank tells the originator which data to correct. */
public record Addenda98(String changeCode, long originalTraceNumber, String originalReceivingDfi,
        String correctedData, long traceNumber) implements Addenda {
    @Override
    public int typeCode() {
        return 98;
    }

    public Optional<ChangeCode> change() {
        return ChangeCode.parse(changeCode);
    }

    /** Corrected data is often an account number. */
    @Override
    public String toString() {
        return "Addenda98[changeCode=" + changeCode + ", originalTraceNumber=" + originalTraceNumber
                + ", originalReceivingDfi=" + originalReceivingDfi + ", correctedData="
                + Masking.account(correctedData) + ", traceNumber=" + traceNumber + "]";
    }
}
