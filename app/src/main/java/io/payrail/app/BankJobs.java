package io.payrail.app;

import io.payrail.bank.BankFileTransfer;
import io.payrail.bank.InboundFile;
import io.payrail.function.FunctionDeclaration;
import io.payrail.function.Limits;
import io.payrail.function.RetryPolicy;
import io.payrail.function.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The bank connection's scheduled work: fetching what the bank wrote for Payrail (acknowledgments,
 * returns, notifications of change, settlement reports). Each fetched file is recorded and archived
 * by {@link BankFileTransfer} before it is acknowledged, so a file the bank deletes after it is read
 * can still be traced.
 */
record BankJobs(BankFileTransfer transfer) {
    /** One SFTP session at a time per bank: the bank's limits are strict and its folders shared. */
    static final Limits BANK_LIMITS = new Limits(Duration.ofMinutes(2), 1,
            new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofMinutes(1)), 4 * 1024);

    static List<FunctionDeclaration> declarations(Supplier<BankJobs> jobs) {
        return List.of(FunctionDeclaration.named("bank.receive-files")
                .description("Downloads, records and archives the files the bank wrote for Payrail.")
                .trigger(Trigger.Schedule.of("bank-receive-files", "rate(1 minute)"))
                .limits(BANK_LIMITS)
                .handler(context -> {
                    List<InboundFile> received = jobs.get().transfer().receive();
                    return Integer.toString(received.size()).getBytes(StandardCharsets.UTF_8);
                }));
    }
}
