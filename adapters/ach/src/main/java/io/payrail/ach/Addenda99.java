package io.payrail.ach;

import java.util.Optional;

/** A return: plain, dishonored by the originator (R61-R70), or contested by the receiving bank (R71-R77). */
public sealed interface Addenda99 extends Addenda
        permits Addenda99.Return, Addenda99.Dishonored, Addenda99.Contested {

    /** The three-character code in positions 4 to 6 (R01...). */
    String reasonCode();

    long originalTraceNumber();

    String originalReceivingDfi();

    long traceNumber();

    default Optional<ReturnReason> reason() {
        return ReturnReason.parse(reasonCode());
    }

    @Override
    default int typeCode() {
        return 99;
    }

    /** @param dateOfDeath YYMMDD for R14 and R15, otherwise blank */
    record Return(String reasonCode, long originalTraceNumber, String dateOfDeath, String originalReceivingDfi,
            String addendaInformation, long traceNumber) implements Addenda99 {
        @Override
        public String toString() {
            return "Addenda99.Return[reasonCode=" + reasonCode + ", originalTraceNumber=" + originalTraceNumber
                    + ", originalReceivingDfi=" + originalReceivingDfi + ", addendaInformation="
                    + Masking.text(addendaInformation) + ", traceNumber=" + traceNumber + "]";
        }
    }

    record Dishonored(String reasonCode, long originalTraceNumber, String originalReceivingDfi,
            String returnTraceNumber, String returnSettlementDate, String returnReasonCode,
            String addendaInformation, long traceNumber) implements Addenda99 {
        @Override
        public String toString() {
            return "Addenda99.Dishonored[reasonCode=" + reasonCode + ", originalTraceNumber=" + originalTraceNumber
                    + ", returnTraceNumber=" + returnTraceNumber + ", returnReasonCode=" + returnReasonCode
                    + ", addendaInformation=" + Masking.text(addendaInformation) + ", traceNumber=" + traceNumber
                    + "]";
        }
    }

    record Contested(String reasonCode, long originalTraceNumber, String dateOriginalEntryReturned,
            String originalReceivingDfi, String originalSettlementDate, String returnTraceNumber,
            String returnSettlementDate, String returnReasonCode, String dishonoredReturnTraceNumber,
            String dishonoredReturnSettlementDate, String dishonoredReturnReasonCode, long traceNumber)
            implements Addenda99 {
    }
}
