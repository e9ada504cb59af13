package io.payrail.http;

import io.payrail.platform.Check;
import java.util.Arrays;

/**
 * What an API key may do. Roles are ordered: an admin may do everything a writer may, and a writer
 * everything a reader may, so a route names the least role it needs.
 */
public enum Role {
    READER("reader"),
    WRITER("writer"),
    ADMIN("admin");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The lowercase name stored in the database and shown to users. */
    public String wireName() {
        return wireName;
    }

    /** True when a key with this role may call a route that requires {@code required}. */
    public boolean permits(Role required) {
        return compareTo(required) >= 0;
    }

    /** Parses {@code admin}, {@code writer} or {@code reader}; anything else is a clear argument error. */
    public static Role parse(String text) {
        Check.argument(text != null, "role is required: one of admin, writer, reader");
        for (Role role : values()) {
            if (role.wireName.equals(text)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "': expected one of "
                + Arrays.stream(values()).map(Role::wireName).toList());
    }
}
