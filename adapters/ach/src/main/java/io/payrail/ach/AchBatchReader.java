package io.payrail.ach;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Streams a file batch by batch on top of {@link AchReader}: one batch at a time is held in memory, validated as
 * it is read. A batch larger than {@link #ENTRIES_PER_BATCH_MAX} entries must be read record by record instead.
 */
public final class AchBatchReader implements AutoCloseable {
    public static final int ENTRIES_PER_BATCH_MAX = 100_000;

    private final AchReader reader;
    private FileHeader header;
    private FileControl control;
    private AchRecord pending;

    public AchBatchReader(AchReader reader) {
        this.reader = reader;
    }

    /** The file header, once the first batch (or the end) has been read. */
    public Optional<FileHeader> header() {
        return Optional.ofNullable(header);
    }

    /** The file control, once {@link #nextBatch()} has returned empty. */
    public Optional<FileControl> control() {
        return Optional.ofNullable(control);
    }

    /** The next complete batch, or empty at the end of the file. */
    public Optional<Batch> nextBatch() throws AchFormatException {
        BatchHeader batchHeader = null;
        List<Entry> entries = new ArrayList<>();
        EntryDetail entry = null;
        List<Addenda> addenda = new ArrayList<>();
        for (AchRecord record = take(); record != null; record = take()) {
            switch (record) {
                case FileHeader fileHeader -> header = fileHeader;
                case FileControl fileControl -> control = fileControl;
                case BatchHeader newBatch -> {
                    if (batchHeader != null) {
                        pending = newBatch;
                        return Optional.of(batch(batchHeader, entries, entry, addenda, Optional.empty()));
                    }
                    batchHeader = newBatch;
                }
                case EntryDetail detail -> {
                    if (entry != null) {
                        entries.add(new Entry(entry, addenda));
                        addenda.clear();
                    }
                    if (entries.size() >= ENTRIES_PER_BATCH_MAX) {
                        throw tooLarge();
                    }
                    entry = detail;
                }
                case Addenda each -> addenda.add(each);
                case BatchControl batchControl -> {
                    if (batchHeader != null) {
                        return Optional.of(batch(batchHeader, entries, entry, addenda, Optional.of(batchControl)));
                    }
                }
            }
        }
        return batchHeader == null ? Optional.empty()
                : Optional.of(batch(batchHeader, entries, entry, addenda, Optional.empty()));
    }

    private AchRecord take() throws AchFormatException {
        if (pending != null) {
            AchRecord record = pending;
            pending = null;
            return record;
        }
        return reader.next();
    }

    private static Batch batch(BatchHeader header, List<Entry> entries, EntryDetail last, List<Addenda> addenda,
            Optional<BatchControl> control) {
        List<Entry> all = new ArrayList<>(entries);
        if (last != null) {
            all.add(new Entry(last, addenda));
        }
        return new Batch(header, all, control);
    }

    private AchFormatException tooLarge() {
        List<AchProblem> problems = new ArrayList<>(reader.problems());
        problems.add(new AchProblem(0, RecordType.ENTRY_DETAIL, "file", ProblemCode.UNSUPPORTED, "a batch has more than "
                + ENTRIES_PER_BATCH_MAX + " entries: read it record by record with AchReader", Severity.ERROR));
        return new AchFormatException(problems);
    }

    /** Problems found so far, warnings included. */
    public List<AchProblem> problems() {
        return reader.problems();
    }

    @Override
    public void close() {
        reader.close();
    }
}
