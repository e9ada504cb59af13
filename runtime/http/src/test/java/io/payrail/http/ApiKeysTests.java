package io.payrail.http;

import io.payrail.platform.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.platform.UuidV7Generator;
import io.payrail.platform.testing.TestDatabase;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiKeysTests {
    private static TestDatabase database;
    private static ApiKeys apiKeys;
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

    @BeforeAll
    static void start() {
        database = TestDatabase.create("platform", "http");
        apiKeys = new ApiKeys(database.transactions(), CLOCK, new SecureRandom(),
                new UuidV7Generator(CLOCK, new SplittableRandom(11)), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void a_key_is_prefixed_base62_with_256_random_bits_and_only_its_hash_is_stored() throws Exception {
        CreatedKey key = apiKeys.create("acme", "writer");
        assertThat(key.plainTextKey()).matches("prk_live_[0-9A-Za-z]{43}");
        assertThat(key.prefix()).isEqualTo(key.plainTextKey().substring(0, 15));
        assertThat(key.toString()).doesNotContain(key.plainTextKey());
        byte[] storedHash = database.transactions().read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT key_hash FROM api_key WHERE id = ?")) {
                select.setObject(1, key.id());
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getBytes(1);
                }
            }
        });
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256")
                .digest(key.plainTextKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(HexFormat.of().formatHex(storedHash)).isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void two_keys_differ() {
        assertThat(apiKeys.create("acme", Role.READER).plainTextKey())
                .isNotEqualTo(apiKeys.create("acme", Role.READER).plainTextKey());
    }

    @Test
    void authenticate_finds_the_tenant_and_role() {
        CreatedKey key = apiKeys.create("globex", Role.ADMIN);
        ApiKeyPrincipal principal = apiKeys.authenticate(key.plainTextKey()).orElseThrow();
        assertThat(principal).isEqualTo(new ApiKeyPrincipal(key.id(), "globex", Role.ADMIN));
    }

    @Test
    void a_bad_role_or_tenant_is_a_clear_argument_error() {
        assertThatThrownBy(() -> apiKeys.create("acme", "owner"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown role 'owner': expected one of [reader, writer, admin]");
        assertThatThrownBy(() -> apiKeys.create("acme corp", "reader"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenant must be 1..64 letters, digits, '_' or '-', got 'acme corp'");
    }

    @Test
    void the_cli_text_shows_the_key_once_with_its_id_and_role() {
        CreatedKey key = apiKeys.create("acme", Role.WRITER);
        String text = ApiKeys.format(key);
        assertThat(text).contains(key.plainTextKey(), key.id().toString(), "tenant: acme", "role:   writer", "shown once");
    }

    @Test
    void a_listing_shows_ids_prefixes_tenants_roles_and_revocations_but_never_a_key_or_its_hash() {
        String tenant = "list-" + CLOCK.instant().toEpochMilli();
        CreatedKey first = apiKeys.create(tenant, "admin");
        CLOCK.advance(Duration.ofSeconds(1));
        CreatedKey second = apiKeys.create(tenant, "reader");
        apiKeys.create("other-" + tenant, "writer");
        apiKeys.revoke(first.id());

        java.util.List<ApiKeySummary> listed = apiKeys.list(tenant, 10);

        assertThat(listed).extracting(ApiKeySummary::id).containsExactly(second.id(), first.id());
        assertThat(listed.get(0).revokedAt()).isNull();
        assertThat(listed.get(0).role()).isEqualTo(Role.READER);
        assertThat(listed.get(1).revokedAt()).isNotNull();
        String text = ApiKeySummary.format(listed);
        assertThat(text).contains(first.prefix(), second.prefix(), "admin", "reader")
                .doesNotContain(first.plainTextKey()).doesNotContain(second.plainTextKey());
        assertThat(apiKeys.list(null, 1_000)).extracting(ApiKeySummary::tenantId).contains(tenant, "other-" + tenant);
        assertThat(apiKeys.list(tenant, 1)).extracting(ApiKeySummary::id).containsExactly(second.id());
        assertThatThrownBy(() -> apiKeys.list(tenant, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be 1..1000, got 0");
    }
}
