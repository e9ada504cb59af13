package io.payrail.ach.internal;

import io.payrail.ach.Addenda;
import io.payrail.ach.Addenda02;
import io.payrail.ach.Addenda05;
import io.payrail.ach.Addenda98;
import io.payrail.ach.Addenda99;
import io.payrail.ach.AchRecord;
import io.payrail.ach.BatchControl;
import io.payrail.ach.FileControl;
import io.payrail.ach.FileHeader;
import io.payrail.ach.IatAddenda;
import io.payrail.ach.IatBatchHeader;
import io.payrail.ach.IatEntry;
import io.payrail.ach.StandardBatchHeader;
import io.payrail.ach.StandardEntry;

/** Formats every typed record into its 94 characters: the inverse of the parsers. */
public final class RecordFormatter {
    private final RecordLine line = new RecordLine();

    public RecordLine format(AchRecord record) {
        return switch (record) {
            case FileHeader header -> fileHeader(header);
            case FileControl control -> fileControl(control);
            case StandardBatchHeader header -> standardBatchHeader(header);
            case IatBatchHeader header -> iatBatchHeader(header);
            case BatchControl control -> batchControl(control);
            case StandardEntry entry -> standardEntry(entry);
            case IatEntry entry -> iatEntry(entry);
            case Addenda addenda -> addenda(addenda);
        };
    }

    private RecordLine fileHeader(FileHeader header) {
        return line.start('1').text("priorityCode", 2, 2, header.priorityCode())
                .text("immediateDestination", 4, 10, header.immediateDestination())
                .text("immediateOrigin", 14, 10, header.immediateOrigin())
                .text("fileCreationDate", 24, 6, header.creationDate())
                .text("fileCreationTime", 30, 4, header.creationTime())
                .character("fileIdModifier", 34, header.fileIdModifier()).text("recordSize", 35, 3, "094")
                .text("blockingFactor", 38, 2, "10").text("formatCode", 40, 1, "1")
                .text("immediateDestinationName", 41, 23, header.destinationName())
                .text("immediateOriginName", 64, 23, header.originName())
                .text("referenceCode", 87, 8, header.referenceCode());
    }

    private RecordLine fileControl(FileControl control) {
        return line.start('9').number("batchCount", 2, 6, control.batchCount())
                .number("blockCount", 8, 6, control.blockCount())
                .number("entryAddendaCount", 14, 8, control.entryAndAddendaCount())
                .number("entryHash", 22, 10, control.entryHash())
                .number("totalDebitEntryDollarAmount", 32, 12, control.totalDebitCents())
                .number("totalCreditEntryDollarAmount", 44, 12, control.totalCreditCents());
    }

    private RecordLine standardBatchHeader(StandardBatchHeader header) {
        return line.start('5').number("serviceClassCode", 2, 3, header.serviceClassCode())
                .text("companyName", 5, 16, header.companyName())
                .text("companyDiscretionaryData", 21, 20, header.companyDiscretionaryData())
                .text("companyIdentification", 41, 10, header.companyIdentification())
                .text("standardEntryClassCode", 51, 3, header.secCode())
                .text("companyEntryDescription", 54, 10, header.companyEntryDescription())
                .text("companyDescriptiveDate", 64, 6, header.companyDescriptiveDate())
                .text("effectiveEntryDate", 70, 6, header.effectiveEntryDate())
                .text("settlementDate", 76, 3, header.settlementDate())
                .character("originatorStatusCode", 79, header.originatorStatusCode())
                .digits("originatingDFIIdentification", 80, 8, header.originatingDfi())
                .number("batchNumber", 88, 7, header.batchNumber());
    }

    private RecordLine iatBatchHeader(IatBatchHeader header) {
        return line.start('5').number("serviceClassCode", 2, 3, header.serviceClassCode())
                .text("iatIndicator", 5, 16, header.iatIndicator())
                .text("foreignExchangeIndicator", 21, 2, header.foreignExchangeIndicator())
                .character("foreignExchangeReferenceIndicator", 23, header.foreignExchangeReferenceIndicator())
                .text("foreignExchangeReference", 24, 15, header.foreignExchangeReference())
                .text("isoDestinationCountryCode", 39, 2, header.destinationCountryCode())
                .text("originatorIdentification", 41, 10, header.originatorIdentification())
                .text("standardEntryClassCode", 51, 3, header.secCode())
                .text("companyEntryDescription", 54, 10, header.companyEntryDescription())
                .text("isoOriginatingCurrencyCode", 64, 3, header.originatingCurrencyCode())
                .text("isoDestinationCurrencyCode", 67, 3, header.destinationCurrencyCode())
                .text("effectiveEntryDate", 70, 6, header.effectiveEntryDate())
                .text("settlementDate", 76, 3, header.settlementDate())
                .character("originatorStatusCode", 79, header.originatorStatusCode())
                .digits("originatingDFIIdentification", 80, 8, header.originatingDfi())
                .number("batchNumber", 88, 7, header.batchNumber());
    }

    private RecordLine batchControl(BatchControl control) {
        return line.start('8').number("serviceClassCode", 2, 3, control.serviceClassCode())
                .number("entryAddendaCount", 5, 6, control.entryAndAddendaCount())
                .number("entryHash", 11, 10, control.entryHash())
                .number("totalDebitEntryDollarAmount", 21, 12, control.totalDebitCents())
                .number("totalCreditEntryDollarAmount", 33, 12, control.totalCreditCents())
                .text("companyIdentification", 45, 10, control.companyIdentification())
                .text("messageAuthenticationCode", 55, 19, control.messageAuthenticationCode())
                .digits("originatingDFIIdentification", 80, 8, control.originatingDfi())
                .number("batchNumber", 88, 7, control.batchNumber());
    }

    private RecordLine standardEntry(StandardEntry entry) {
        return line.start('6').number("transactionCode", 2, 2, entry.transactionCode())
                .digits("rdfiIdentification", 4, 8, entry.receivingDfi())
                .character("checkDigit", 12, entry.checkDigit())
                .text("dfiAccountNumber", 13, 17, entry.accountNumber())
                .number("amount", 30, 10, entry.amountCents())
                .text("identificationNumber", 40, 15, entry.identificationNumber())
                .text("individualName", 55, 22, entry.name())
                .text("discretionaryData", 77, 2, entry.discretionaryData())
                .character("addendaRecordIndicator", 79, entry.addendaIndicator())
                .number("traceNumber", 80, 15, entry.traceNumber());
    }

    private RecordLine iatEntry(IatEntry entry) {
        return line.start('6').number("transactionCode", 2, 2, entry.transactionCode())
                .digits("gatewayOperatorRDFIIdentification", 4, 8, entry.receivingDfi())
                .character("checkDigit", 12, entry.checkDigit())
                .number("addendaRecords", 13, 4, entry.addendaCount())
                .number("amount", 30, 10, entry.amountCents())
                .text("dfiAccountNumber", 40, 35, entry.foreignAccountNumber())
                .character("ofacScreeningIndicator", 77, entry.gatewayOfacIndicator())
                .character("secondaryOFACScreeningIndicator", 78, entry.secondaryOfacIndicator())
                .character("addendaRecordIndicator", 79, entry.addendaIndicator())
                .number("traceNumber", 80, 15, entry.traceNumber());
    }

    private RecordLine addenda(Addenda addenda) {
        line.start('7').number("typeCode", 2, 2, addenda.typeCode());
        return switch (addenda) {
            case Addenda02 terminal -> line.text("terminalInformation", 4, Addenda02.CONTENT_LENGTH,
                    terminal.terminalInformation()).number("traceNumber", 80, 15, terminal.traceNumber());
            case Addenda05 payment -> line.text("paymentRelatedInformation", 4, 80, payment.paymentInformation())
                    .number("sequenceNumber", 84, 4, payment.sequenceNumber())
                    .number("entryDetailSequenceNumber", 88, 7, payment.entrySequenceNumber());
            case Addenda98 change -> line.text("changeCode", 4, 3, change.changeCode())
                    .number("originalTrace", 7, 15, change.originalTraceNumber())
                    .digits("originalDFI", 28, 8, change.originalReceivingDfi())
                    .text("correctedData", 36, 29, change.correctedData())
                    .number("traceNumber", 80, 15, change.traceNumber());
            case Addenda99 returned -> ReturnFormatter.format(line, returned);
            case IatAddenda international -> line.text("content", 4, IatAddenda.CONTENT_LENGTH, international.content())
                    .number("entryDetailSequenceNumber", 88, 7, international.entrySequenceNumber());
        };
    }
}
