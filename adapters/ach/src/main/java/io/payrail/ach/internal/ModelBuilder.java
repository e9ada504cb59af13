package io.payrail.ach.internal;

import io.payrail.ach.AchFile;
import io.payrail.ach.AchRecord;
import io.payrail.ach.Addenda;
import io.payrail.ach.Batch;
import io.payrail.ach.BatchControl;
import io.payrail.ach.BatchHeader;
import io.payrail.ach.Entry;
import io.payrail.ach.EntryDetail;
import io.payrail.ach.FileControl;
import io.payrail.ach.FileHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Assembles the records of a valid file, in order, into the in-memory model. */
public final class ModelBuilder {
    private FileHeader header;
    private FileControl control;
    private final List<Batch> batches = new ArrayList<>();
    private BatchHeader batchHeader;
    private final List<Entry> entries = new ArrayList<>();
    private EntryDetail entry;
    private final List<Addenda> addenda = new ArrayList<>();

    public void accept(AchRecord record) {
        switch (record) {
            case FileHeader fileHeader -> header = fileHeader;
            case BatchHeader newBatch -> batchHeader = newBatch;
            case EntryDetail detail -> {
                closeEntry();
                entry = detail;
            }
            case Addenda each -> addenda.add(each);
            case BatchControl batchControl -> {
                closeEntry();
                batches.add(new Batch(batchHeader, entries, Optional.of(batchControl)));
                entries.clear();
            }
            case FileControl fileControl -> control = fileControl;
        }
    }

    private void closeEntry() {
        if (entry != null) {
            entries.add(new Entry(entry, addenda));
            addenda.clear();
            entry = null;
        }
    }

    /** Empty when the file lacked its header (the reader has then reported an error). */
    public Optional<AchFile> build() {
        if (header == null) {
            return Optional.empty();
        }
        return Optional.of(new AchFile(header, batches, Optional.ofNullable(control)));
    }
}
