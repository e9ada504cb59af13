package io.payrail.http;

import io.payrail.http.internal.Base62;
import io.payrail.http.internal.ExpiringCache;
import io.payrail.http.internal.Hashes;
import io.payrail.platform.Check;
import io.payrail.platform.IdGenerator;
import io.payrail.platform.Transactions;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * API keys: {@code prk_live_} followed by 32 random bytes in base62. With 256 bits of entropy a
 * plain SHA-256 is as safe to store as a slow password hash (nobody can search the key space), and
 * it costs a microsecond instead of the hundred milliseconds bcrypt would add to every request.
 *
 * <p>Look-ups are cached in memory for {@link #CACHE_TIME_TO_LIVE_DEFAULT} (configurable), unknown
 * keys included, at most {@link #CACHE_ENTRIES_MAX} entries. A revocation made through this object
 * takes effect at once in this process; on other nodes it takes effect within the time to live.
 *
 * <p>Backs {@code payrail apikeys create --tenant T --role R} ({@link #create(String, String)} and
 * {@link #format(CreatedKey)}), {@code apikeys list} ({@link #list}) and {@code apikeys revoke ID}
 * ({@link #revoke}).
 */
public final class ApiKeys {
    public static final String KEY_PREFIX = "prk_live_";
    public static final int RANDOM_BYTES = 32;
    /** Characters of the random part kept in clear as {@code key_prefix}, to tell keys apart. */
    public static final int VISIBLE_RANDOM_CHARACTERS = 6;
    public static final int TENANT_LENGTH_MAX = 64;
    public static final Duration CACHE_TIME_TO_LIVE_DEFAULT = Duration.ofSeconds(30);
    public static final int CACHE_ENTRIES_MAX = 10_000;
    /** The most keys one listing returns. */
    public static final int LIST_LIMIT_MAX = 1_000;
    private static final int RANDOM_CHARACTERS = Base62.width(RANDOM_BYTES);
    private static final String TENANT_PATTERN = "[A-Za-z0-9_-]+";

    private final Transactions transactions;
    private final Clock clock;
    private final SecureRandom random;
    private final IdGenerator ids;
    private final ExpiringCache<String, Optional<ApiKeyPrincipal>> cache;

    public ApiKeys(Transactions transactions, Clock clock, SecureRandom random, IdGenerator ids, Duration cacheTimeToLive) {
        this.transactions = Check.notNull(transactions, "transactions");
        this.clock = Check.notNull(clock, "clock");
        this.random = Check.notNull(random, "random");
        this.ids = Check.notNull(ids, "ids");
        this.cache = new ExpiringCache<>(clock, cacheTimeToLive.toMillis(), CACHE_ENTRIES_MAX);
    }

    /** For the CLI: validates the tenant and role text, then creates the key. */
    public CreatedKey create(String tenantId, String roleText) {
        return create(tenantId, Role.parse(roleText));
    }

    public CreatedKey create(String tenantId, Role role) {
        Check.argument(tenantId != null && tenantId.length() <= TENANT_LENGTH_MAX && tenantId.matches(TENANT_PATTERN),
                "tenant must be 1..%d letters, digits, '_' or '-', got '%s'", TENANT_LENGTH_MAX, tenantId);
        Check.notNull(role, "role");
        byte[] secret = new byte[RANDOM_BYTES];
        random.nextBytes(secret);
        String plainText = KEY_PREFIX + Base62.encode(secret, RANDOM_CHARACTERS);
        String prefix = plainText.substring(0, KEY_PREFIX.length() + VISIBLE_RANDOM_CHARACTERS);
        UUID id = ids.next();
        Instant createdAt = clock.instant();
        transactions.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO api_key (id, key_hash, key_prefix, tenant_id, role, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                insert.setObject(1, id);
                insert.setBytes(2, Hashes.sha256(plainText));
                insert.setString(3, prefix);
                insert.setString(4, tenantId);
                insert.setString(5, role.wireName());
                insert.setTimestamp(6, Timestamp.from(createdAt));
                return insert.executeUpdate();
            }
        });
        return new CreatedKey(id, plainText, prefix, tenantId, role, createdAt);
    }

    /** Revokes a key; false when no unrevoked key has this id. */
    public boolean revoke(UUID id) {
        Optional<byte[]> revokedHash = transactions.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL RETURNING key_hash")) {
                update.setTimestamp(1, Timestamp.from(clock.instant()));
                update.setObject(2, Check.notNull(id, "id"));
                try (ResultSet rows = update.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
        revokedHash.ifPresent(hash -> cache.invalidate(HexFormat.of().formatHex(hash)));
        return revokedHash.isPresent();
    }

    /**
     * Keys newest first (a leaked key is most likely a recent one), revoked ones included, of one tenant or of all when {@code tenantId} is
     * null; at most {@code limit} (1..{@link #LIST_LIMIT_MAX}).
     */
    public List<ApiKeySummary> list(String tenantId, int limit) {
        Check.argument(limit >= 1 && limit <= LIST_LIMIT_MAX, "limit must be 1..%d, got %d", LIST_LIMIT_MAX, limit);
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, key_prefix, tenant_id, role, created_at, revoked_at FROM api_key
                    WHERE (?::text IS NULL OR tenant_id = ?) ORDER BY created_at DESC, id DESC LIMIT ?""")) {
                select.setString(1, tenantId);
                select.setString(2, tenantId);
                select.setInt(3, limit);
                List<ApiKeySummary> keys = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Timestamp revokedAt = rows.getTimestamp(6);
                        keys.add(new ApiKeySummary(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                                Role.parse(rows.getString(4)), rows.getTimestamp(5).toInstant(),
                                revokedAt == null ? null : revokedAt.toInstant()));
                    }
                }
                return keys;
            }
        });
    }

    /** The key's owner, or empty when the key is malformed, unknown or revoked. */
    public Optional<ApiKeyPrincipal> authenticate(String plainTextKey) {
        if (!looksLikeAKey(plainTextKey)) {
            return Optional.empty();
        }
        byte[] hash = Hashes.sha256(plainTextKey);
        return cache.get(Hashes.hex(hash), ignored -> load(hash));
    }

    /** The text the CLI prints: the key once, and what to do with it. */
    public static String format(CreatedKey key) {
        return "API key created (shown once; store it now, it cannot be shown again):\n"
                + "  key:    " + key.plainTextKey() + "\n"
                + "  id:     " + key.id() + "\n"
                + "  prefix: " + key.prefix() + "\n"
                + "  tenant: " + key.tenantId() + "\n"
                + "  role:   " + key.role().wireName() + "\n";
    }

    private static boolean looksLikeAKey(String text) {
        return text != null && text.length() == KEY_PREFIX.length() + RANDOM_CHARACTERS
                && text.startsWith(KEY_PREFIX) && Base62.isBase62(text.substring(KEY_PREFIX.length()));
    }

    private Optional<ApiKeyPrincipal> load(byte[] hash) {
        return transactions.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, tenant_id, role FROM api_key WHERE key_hash = ? AND revoked_at IS NULL")) {
                select.setBytes(1, hash);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ApiKeyPrincipal(
                            rows.getObject(1, UUID.class), rows.getString(2), Role.parse(rows.getString(3))));
                }
            }
        });
    }
}
