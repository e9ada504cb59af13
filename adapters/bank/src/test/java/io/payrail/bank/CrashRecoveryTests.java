package io.payrail.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.junit.jupiter.api.Test;

class CrashRecoveryTests {
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    /** Holds every rename at the bank until released, and says when one arrived. */
    private static final class RenameGate implements SftpEventListener {
        final CountDownLatch arrived = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch moved = new CountDownLatch(1);

        @Override
        public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts, Throwable thrown) {
            moved.countDown();
        }

        @Override
        public void moving(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts) {
            arrived.countDown();
            try {
                release.await(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void a_process_killed_while_its_rename_is_in_flight_leaves_a_file_that_is_never_re_sent_automatically() throws Exception {
        RenameGate gate = new RenameGate();
        try (BankFixture fixture = new BankFixture(settings -> settings.withSftpListeners(List.of(gate)), FileProtection.NONE)) {
            byte[] file = BankFixture.achFile("A", "100200300");
            Path fileToSend = fixture.directory.resolve("crash.ach");
            Files.write(fileToSend, file);
            Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                    System.getProperty("java.class.path"), CrashingUploader.class.getName(), fixture.database.jdbcUrl(),
                    Integer.toString(fixture.bank.port()), fixture.clientKeyFile.toString(),
                    fixture.directory.resolve("known_hosts").toString(), fixture.directory.resolve("archive").toString(),
                    fileToSend.toString()).redirectErrorStream(true).redirectOutput(fixture.directory.resolve("child.log").toFile()).start();

            assertThat(gate.arrived.await(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the child reached the rename").isTrue();
            assertThat(fixture.transfer.outbound("CRASH.ach").orElseThrow().state()).isEqualTo(BankFileState.RENAME_REQUESTED);
            child.destroyForcibly();
            child.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            gate.release.countDown();

            List<BankFileRecord> recovered = fixture.transfer.recover();
            UploadResult again = fixture.transfer.upload("CRASH.ach", BankFileKind.ACH_FILE, file);

            assertThat(recovered).extracting(BankFileRecord::fileName).containsExactly("CRASH.ach");
            assertThat(recovered.getFirst().state()).isEqualTo(BankFileState.OUTCOME_UNKNOWN);
            assertThat(again).isInstanceOf(UploadResult.OutcomeUnknown.class);
            assertThat(gate.moved.await(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(fixture.bankStep().acceptedFiles()).as("the bank did get it, once").containsExactly("CRASH.ach");
            fixture.transfer.receive();
            assertThat(fixture.transfer.outbound("CRASH.ach").orElseThrow().state()).isEqualTo(BankFileState.ACKNOWLEDGED);
        }
    }
}
