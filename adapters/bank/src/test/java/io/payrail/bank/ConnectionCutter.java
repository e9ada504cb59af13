package io.payrail.bank;

import java.nio.file.CopyOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;

/**
 * A server-side fault: kills the SSH session once, at a chosen moment (after N bytes were written,
 * just before a rename, or just after a rename and before its answer is sent).
 */
final class ConnectionCutter implements SftpEventListener {
    enum Moment { AFTER_BYTES, AFTER_BYTES_READ, BEFORE_RENAME, AFTER_RENAME }

    private final Moment moment;
    private final long bytes;
    private final AtomicBoolean armed = new AtomicBoolean(true);
    private final AtomicLong written = new AtomicLong();
    final AtomicInteger renames = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();

    private ConnectionCutter(Moment moment, long bytes) {
        this.moment = moment;
        this.bytes = bytes;
    }

    static ConnectionCutter afterBytes(long bytes) {
        return new ConnectionCutter(Moment.AFTER_BYTES, bytes);
    }

    static ConnectionCutter afterBytesRead(long bytes) {
        return new ConnectionCutter(Moment.AFTER_BYTES_READ, bytes);
    }

    static ConnectionCutter beforeRename() {
        return new ConnectionCutter(Moment.BEFORE_RENAME, 0);
    }

    static ConnectionCutter afterRename() {
        return new ConnectionCutter(Moment.AFTER_RENAME, 0);
    }

    @Override
    public void written(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
            int dataOffset, int dataLen, Throwable thrown) {
        writes.incrementAndGet();
        if (moment == Moment.AFTER_BYTES && written.addAndGet(dataLen) >= bytes && armed.compareAndSet(true, false)) {
            session.close(true);
        }
    }

    @Override
    public void read(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
            int dataOffset, int dataLen, int readLen, Throwable thrown) {
        if (moment == Moment.AFTER_BYTES_READ && written.addAndGet(Math.max(readLen, 0)) >= bytes
                && armed.compareAndSet(true, false)) {
            session.close(true);
        }
    }

    @Override
    public void moving(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts) {
        if (moment == Moment.BEFORE_RENAME && armed.compareAndSet(true, false)) {
            session.close(true);
            throw new IllegalStateException("connection cut before the rename");
        }
    }

    @Override
    public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts, Throwable thrown) {
        renames.incrementAndGet();
        if (moment == Moment.AFTER_RENAME && thrown == null && armed.compareAndSet(true, false)) {
            session.close(true);
        }
    }
}
