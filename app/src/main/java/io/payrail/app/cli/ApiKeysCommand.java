package io.payrail.app.cli;

import io.payrail.app.LocalDatabase;
import io.payrail.app.Platform;
import io.payrail.http.ApiKeys;
import io.payrail.http.CreatedKey;
import io.payrail.platform.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code payrail apikeys create --tenant T --role R}: prints a new key once; only its hash is kept. */
@Command(name = "apikeys", mixinStandardHelpOptions = true, description = "Manage API keys.",
        subcommands = {ApiKeysCommand.Create.class})
public final class ApiKeysCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key scoped to a tenant and a role; it is printed once and cannot be shown again.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--tenant", required = true, description = "The tenant the key acts for.")
        String tenant;

        @Option(names = "--role", required = true, description = "admin, writer or reader.")
        String role;

        @Override
        public Integer call() {
            try (Database database = LocalDatabase.openForCommand(2)) {
                ApiKeys keys = new ApiKeys(database.transactions(), Platform.clock(), Platform.random(), Platform.ids(),
                        ApiKeys.CACHE_TIME_TO_LIVE_DEFAULT);
                CreatedKey key = keys.create(tenant, role);
                System.out.println(ApiKeys.format(key));
                return 0;
            }
        }
    }
}
