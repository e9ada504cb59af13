package io.payrail.ach.internal;

import io.payrail.ach.Addenda99;

/** The three layouts of addenda 99: return, dishonored return, contested dishonored return. */
final class ReturnFormatter {
    private ReturnFormatter() {
    }

    static RecordLine format(RecordLine line, Addenda99 returned) {
        line.text("returnCode", 4, 3, returned.reasonCode())
                .number("originalTrace", 7, 15, returned.originalTraceNumber())
                .digits("originalDFI", 28, 8, returned.originalReceivingDfi())
                .number("traceNumber", 80, 15, returned.traceNumber());
        return switch (returned) {
            case Addenda99.Return plain -> line.text("dateOfDeath", 22, 6, plain.dateOfDeath())
                    .text("addendaInformation", 36, 44, plain.addendaInformation());
            case Addenda99.Dishonored dishonored -> line
                    .digits("returnTraceNumber", 39, 15, dishonored.returnTraceNumber())
                    .text("returnSettlementDate", 54, 3, dishonored.returnSettlementDate())
                    .text("returnReasonCode", 57, 2, dishonored.returnReasonCode())
                    .text("addendaInformation", 59, 21, dishonored.addendaInformation());
            case Addenda99.Contested contested -> line
                    .text("dateOriginalEntryReturned", 22, 6, contested.dateOriginalEntryReturned())
                    .text("originalSettlementDate", 36, 3, contested.originalSettlementDate())
                    .digits("returnTraceNumber", 39, 15, contested.returnTraceNumber())
                    .text("returnSettlementDate", 54, 3, contested.returnSettlementDate())
                    .text("returnReasonCode", 57, 2, contested.returnReasonCode())
                    .digits("dishonoredReturnTraceNumber", 59, 15, contested.dishonoredReturnTraceNumber())
                    .text("dishonoredReturnSettlementDate", 74, 3, contested.dishonoredReturnSettlementDate())
                    .text("dishonoredReturnReasonCode", 77, 2, contested.dishonoredReturnReasonCode());
        };
    }
}
