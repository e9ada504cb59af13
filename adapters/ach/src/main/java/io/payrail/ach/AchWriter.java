package io.payrail.ach;

import io.payrail.ach.internal.RecordFormatter;
import io.payrail.ach.internal.RecordLine;
import io.payrail.ach.internal.TraceNumberSet;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a NACHA file record by record in bounded memory, computing the batch and file controls, the block count
 * and the 9-filled padding itself. Trace numbers must ascend within a batch and be unique in the file
 * ({@link #nextTraceNumber()} hands out the next one); breaking a rule of the format is a programmer error
 * ({@link IllegalArgumentException} or {@link IllegalStateException} naming the value).
 */
public final class AchWriter implements AutoCloseable {
    /** File control counts have six digits (batches, blocks) and eight (entries and addenda). */
    public static final long BATCHES_MAX = 999_999;
    public static final long ENTRIES_AND_ADDENDA_MAX = 99_999_999;
    /** The sequence part of a trace number has seven digits. */
    public static final long TRACE_SEQUENCE_MAX = 9_999_999;
    private static final long HASH_MODULUS = 10_000_000_000L;
    private static final int BLOCKING_FACTOR = 10;
    private static final byte[] PADDING = "9".repeat(94).getBytes(StandardCharsets.US_ASCII);

    private final OutputStream output;
    private final byte[] terminator;
    private final RecordFormatter formatter = new RecordFormatter();
    private final TraceNumberSet traceNumbers = new TraceNumberSet();
    private long recordCount;
    private long batchCount;
    private long fileEntryAndAddendaCount;
    private long fileEntryHash;
    private long fileDebitCents;
    private long fileCreditCents;
    private BatchHeader batch;
    private long batchEntryAndAddendaCount;
    private long batchEntryHash;
    private long batchDebitCents;
    private long batchCreditCents;
    private long lastTraceNumber;
    /** The highest trace number written per originating bank, so that generated numbers stay unique in the file. */
    private final java.util.Map<String, Long> lastTraceNumberByOdfi = new java.util.HashMap<>();
    private boolean finished;

    private AchWriter(OutputStream output, WriterOptions options) {
        this.output = new BufferedOutputStream(output, 1 << 16);
        this.terminator = options.lineTerminator().getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes the file header at once; the writer closes the stream when it is closed. */
    public static AchWriter open(OutputStream output, FileHeader header, WriterOptions options) throws IOException {
        AchWriter writer = new AchWriter(Objects.requireNonNull(output, "output"), options);
        writer.write(header);
        return writer;
    }

    public void startBatch(BatchHeader header) throws IOException {
        checkState(batch == null, "startBatch: the previous batch was not ended");
        checkState(batchCount < BATCHES_MAX, "a file holds at most " + BATCHES_MAX + " batches");
        if (!TransactionCodes.isServiceClass(header.serviceClassCode())) {
            throw new IllegalArgumentException("serviceClassCode=" + header.serviceClassCode()
                    + " must be 200, 220 or 225");
        }
        batch = header;
        batchEntryAndAddendaCount = 0;
        batchEntryHash = 0;
        batchDebitCents = 0;
        batchCreditCents = 0;
        lastTraceNumber = -1;
        batchCount++;
        write(header);
    }

    /**
     * The next free trace number of the batch's originating bank: its eight-digit identifier and a seven-digit
     * sequence that continues across the batches of the file.
     */
    public long nextTraceNumber() {
        checkState(batch != null, "nextTraceNumber: no batch started");
        long first = Long.parseLong(batch.originatingDfi()) * (TRACE_SEQUENCE_MAX + 1) + 1;
        long next = Math.max(Math.max(first, lastTraceNumber + 1),
                lastTraceNumberByOdfi.getOrDefault(batch.originatingDfi(), 0L) + 1);
        if (next % (TRACE_SEQUENCE_MAX + 1) == 0) {
            throw new IllegalStateException("the batch has used all " + TRACE_SEQUENCE_MAX + " trace sequence numbers");
        }
        return next;
    }

    public void entry(EntryDetail detail, List<Addenda> addenda) throws IOException {
        checkState(batch != null, "entry: no batch started");
        int code = detail.transactionCode();
        if (!TransactionCodes.allowedIn(batch.serviceClassCode(), code)) {
            throw new IllegalArgumentException("transactionCode=" + code + " is not allowed in service class "
                    + batch.serviceClassCode());
        }
        if (detail.traceNumber() <= lastTraceNumber) {
            throw new IllegalArgumentException("traceNumber=" + detail.traceNumber()
                    + " must be above the previous one " + lastTraceNumber);
        }
        if (traceNumbers.add(detail.traceNumber()) == TraceNumberSet.Outcome.DUPLICATE) {
            throw new IllegalArgumentException("traceNumber=" + detail.traceNumber() + " is already in the file");
        }
        if ((detail.addendaIndicator() == '1') == addenda.isEmpty()) {
            throw new IllegalArgumentException("addendaIndicator='" + detail.addendaIndicator() + "' but "
                    + addenda.size() + " addenda");
        }
        checkState(fileEntryAndAddendaCount + batchEntryAndAddendaCount + 1 + addenda.size()
                <= ENTRIES_AND_ADDENDA_MAX, "a file holds at most " + ENTRIES_AND_ADDENDA_MAX + " entries and addenda");
        lastTraceNumber = detail.traceNumber();
        lastTraceNumberByOdfi.merge(batch.originatingDfi(), detail.traceNumber(), Math::max);
        batchEntryHash += Long.parseLong(detail.receivingDfi());
        if (TransactionCodes.isDebit(code)) {
            batchDebitCents = Math.addExact(batchDebitCents, detail.amountCents());
        } else {
            batchCreditCents = Math.addExact(batchCreditCents, detail.amountCents());
        }
        batchEntryAndAddendaCount += 1 + addenda.size();
        write(detail);
        for (Addenda each : addenda) {
            write(each);
        }
    }

    public void entry(Entry entry) throws IOException {
        entry(entry.detail(), entry.addenda());
    }

    /** Ends the batch with a computed control (company identification from the header, no authentication code). */
    public void endBatch() throws IOException {
        endBatch(Optional.empty());
    }

    /**
     * Ends the batch with a computed control. The fields that are not computed (company identification, message
     * authentication code) come from {@code template} when given, otherwise from the header.
     */
    public void endBatch(Optional<BatchControl> template) throws IOException {
        checkState(batch != null, "endBatch: no batch started");
        String companyIdentification = template.map(BatchControl::companyIdentification).orElse(switch (batch) {
            case StandardBatchHeader standard -> standard.companyIdentification();
            case IatBatchHeader iat -> iat.originatorIdentification();
        });
        write(new BatchControl(batch.serviceClassCode(), batchEntryAndAddendaCount, batchEntryHash % HASH_MODULUS,
                batchDebitCents, batchCreditCents, companyIdentification,
                template.map(BatchControl::messageAuthenticationCode).orElse(""), batch.originatingDfi(),
                batch.batchNumber()));
        fileEntryAndAddendaCount += batchEntryAndAddendaCount;
        fileEntryHash += batchEntryHash;
        fileDebitCents = Math.addExact(fileDebitCents, batchDebitCents);
        fileCreditCents = Math.addExact(fileCreditCents, batchCreditCents);
        batch = null;
    }

    /**
     * Adds an offset entry to the originator's account so that the batch's debits equal its credits, then ends the
     * batch. Only mixed batches (service class 200) can hold both sides.
     */
    public void endBatchBalanced(OffsetAccount account) throws IOException {
        checkState(batch != null, "endBatchBalanced: no batch started");
        checkState(batch.serviceClassCode() == TransactionCodes.SERVICE_CLASS_MIXED,
                "a balanced batch needs service class 200, found " + batch.serviceClassCode());
        long net = batchDebitCents - batchCreditCents;
        if (net != 0) {
            int code = net > 0 ? (account.savings() ? 32 : 22) : (account.savings() ? 37 : 27);
            String name = account.name().length() > 22 ? account.name().substring(0, 22) : account.name();
            entry(new StandardEntry(code, account.routingNumber().substring(0, 8), account.routingNumber().charAt(8),
                    account.accountNumber(), Math.abs(net), "OFFSET", name, "", '0', nextTraceNumber()), List.of());
        }
        endBatch();
    }

    /** Writes the file control and the padding, and flushes. */
    public void finish() throws IOException {
        checkState(batch == null, "finish: the last batch was not ended");
        checkState(!finished, "finish: already finished");
        long blocks = (recordCount + 1 + BLOCKING_FACTOR - 1) / BLOCKING_FACTOR;
        write(new FileControl(batchCount, blocks, fileEntryAndAddendaCount, fileEntryHash % HASH_MODULUS,
                fileDebitCents, fileCreditCents));
        while (recordCount % BLOCKING_FACTOR != 0) {
            output.write(PADDING);
            output.write(terminator);
            recordCount++;
        }
        output.flush();
        finished = true;
    }

    private void write(AchRecord record) throws IOException {
        RecordLine line = formatter.format(record);
        output.write(line.bytes());
        output.write(terminator);
        recordCount++;
    }

    private static void checkState(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    @Override
    public void close() throws IOException {
        output.close();
    }
}
