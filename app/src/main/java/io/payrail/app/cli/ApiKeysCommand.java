package io.payrail.app.cli;

import io.payrail.app.LocalDatabase;
import io.payrail.app.Platform;
import io.payrail.http.ApiKeySummary;
import io.payrail.http.ApiKeys;
import io.payrail.http.CreatedKey;
import io.payrail.platform.Check;
import io.payrail.platform.Database;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code payrail apikeys create|list|revoke}: a new key is printed once (only its hash is kept); a
 * listing shows ids and prefixes, never keys; a leaked key is revoked by its id.
 */
@Command(name = "apikeys", mixinStandardHelpOptions = true, description = "Manage API keys.",
        subcommands = {ApiKeysCommand.Create.class, ApiKeysCommand.ListKeys.class, ApiKeysCommand.Revoke.class})
public final class ApiKeysCommand {

    private static ApiKeys apiKeys(Database database) {
        return new ApiKeys(database.transactions(), Platform.clock(), Platform.random(), Platform.ids(),
                ApiKeys.CACHE_TIME_TO_LIVE_DEFAULT);
    }

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
                CreatedKey key = apiKeys(database).create(tenant, role);
                System.out.println(ApiKeys.format(key));
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Keys newest first, revoked ones included: ids and prefixes, never the keys.")
    static final class ListKeys implements Callable<Integer> {
        @Option(names = "--tenant", description = "Only this tenant's keys.")
        String tenant;

        @Option(names = "--limit", defaultValue = "100", description = "At most this many keys (default ${DEFAULT-VALUE}, at most "
                + ApiKeys.LIST_LIMIT_MAX + ").")
        int limit;

        @Override
        public Integer call() {
            Check.argument(limit >= 1 && limit <= ApiKeys.LIST_LIMIT_MAX, "--limit must be 1..%d, got %d", ApiKeys.LIST_LIMIT_MAX, limit);
            try (Database database = LocalDatabase.openForCommand(2)) {
                System.out.print(ApiKeySummary.format(apiKeys(database).list(tenant, limit)));
                return 0;
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by its id (from create or list).")
    static final class Revoke implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "The key's id.")
        String id;

        @Override
        public Integer call() {
            UUID keyId = parseId(id);
            try (Database database = LocalDatabase.openForCommand(2)) {
                Check.argument(apiKeys(database).revoke(keyId), "no live API key has id %s (unknown, or already revoked)", keyId);
                // Nodes that are running keep a key they authenticated in their cache for its time to live.
                System.out.println("revoked API key " + keyId + "; running nodes refuse it within "
                        + ApiKeys.CACHE_TIME_TO_LIVE_DEFAULT.toSeconds() + " s");
                return 0;
            }
        }

        private static UUID parseId(String text) {
            if (text.startsWith(ApiKeys.KEY_PREFIX)) {
                // Never repeat a secret: this message lands on terminals and in logs.
                throw new IllegalArgumentException("that is an API key, not its id; find the id beside the key's prefix in"
                        + " 'payrail apikeys list', and revoke that");
            }
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException notAnId) {
                throw new IllegalArgumentException("not an API key id: '" + text + "' (a UUID, as printed by apikeys create and list)");
            }
        }
    }
}
