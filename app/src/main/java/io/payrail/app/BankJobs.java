package io.payrail.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payrail.bank.BankFileTransfer;
import io.payrail.bank.InboundFile;
import io.payrail.function.FunctionContext;
import io.payrail.function.FunctionDeclaration;
import io.payrail.function.Limits;
import io.payrail.function.RetryPolicy;
import io.payrail.function.Trigger;
import io.payrail.platform.Json;
import io.payrail.store.AppendResult;
import io.payrail.store.EventEnvelope;
import io.payrail.store.EventStore;
import io.payrail.store.ExpectedRevision;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The bank connection's scheduled work: fetching what the bank wrote for Payrail (acknowledgments,
 * returns, notifications of change, settlement reports) and announcing each file as the milestone
 * {@code bank.file.received}.
 *
 * <p>Each file is recorded and archived by {@link BankFileTransfer} before anything else, so a file
 * the bank deletes after it is read can still be traced. The event is appended in the function's
 * transaction to a stream of its own ({@code bank-file-<id>}, expected to be new), and the file is
 * marked processed only on a later run that finds its stream already there: so a run that fails
 * after the download publishes on the next run, and no file is announced twice.
 */
record BankJobs(BankFileTransfer transfer, EventStore store) {
    /** One SFTP session at a time per bank: the bank's limits are strict and its folders shared. */
    static final Limits BANK_LIMITS = new Limits(Duration.ofMinutes(2), 1,
            new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofMinutes(1)), 4 * 1024);
    /** Files announced per run; the rest wait for the next tick. */
    static final int FILES_PER_RUN_MAX = 100;
    static final String FILE_RECEIVED = "bank.file.received";
    static final String SOURCE = "payrail/bank";

    static List<FunctionDeclaration> declarations(Supplier<BankJobs> jobs) {
        return List.of(FunctionDeclaration.named("bank.receive-files")
                .description("Downloads, records and archives the files the bank wrote for Payrail, and announces each.")
                .trigger(Trigger.Schedule.of("bank-receive-files", "rate(1 minute)"))
                .limits(BANK_LIMITS)
                .publishes(FILE_RECEIVED)
                .handler(context -> jobs.get().receive(context)));
    }

    byte[] receive(FunctionContext context) {
        transfer.receive();
        int announced = 0;
        for (InboundFile file : transfer.unprocessed(FILES_PER_RUN_MAX)) {
            String stream = "bank-file-" + file.record().id();
            AppendResult result = store.append(context.transaction(), stream, ExpectedRevision.noStream(),
                    List.of(event(file, context)));
            switch (result) {
                case AppendResult.Appended ignored -> announced++;
                case AppendResult.Conflict ignored -> transfer.markProcessed(file.record().id());
                case AppendResult.Rejected rejected -> throw new IllegalStateException(
                        FILE_RECEIVED + " for file " + file.record().id() + " was refused: " + rejected.reason());
            }
        }
        return Integer.toString(announced).getBytes(StandardCharsets.UTF_8);
    }

    private static EventEnvelope event(InboundFile file, FunctionContext context) {
        ObjectNode data = Json.mapper().createObjectNode()
                .put("file_id", file.record().id().toString())
                .put("kind", file.record().kind().code())
                .put("size_bytes", file.record().sizeBytes() == null ? 0 : file.record().sizeBytes())
                .put("sha256", file.record().sha256());
        return new EventEnvelope(Platform.ids().next(), FILE_RECEIVED, SOURCE, file.record().id().toString(),
                Platform.clock().instant(), data, 1, context.trace().traceId(), context.trace().causationId(),
                context.trace().correlationId(), context.trace().tenantId(), Map.of());
    }
}
