package io.payrail.bank;

import java.time.LocalDateTime;
import java.util.List;

/** Writes a NACHA return or notification-of-change file (entries with addenda 99 or 98). */
@FunctionalInterface
public interface ReturnFileWriter {
    /**
     * @param bankRouting    the returning bank's 9-digit routing number (immediate origin)
     * @param payrailRouting the originator's bank routing number the file goes to (immediate destination)
     */
    byte[] write(String bankRouting, String payrailRouting, LocalDateTime created, String fileIdModifier,
            List<ReturnedEntry> entries);
}
