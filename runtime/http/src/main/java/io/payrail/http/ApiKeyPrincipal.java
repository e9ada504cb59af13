package io.payrail.http;

import io.payrail.platform.Check;
import java.util.UUID;

/** Who is calling: the API key (by id, never by its secret), its tenant and its role. */
public record ApiKeyPrincipal(UUID apiKeyId, String tenantId, Role role) {
    public ApiKeyPrincipal {
        Check.notNull(apiKeyId, "apiKeyId");
        Check.notNull(tenantId, "tenantId");
        Check.notNull(role, "role");
    }
}
