package io.payrail.ach;

import java.util.Optional;

/** NACHA notification-of-change codes C01 to C13 with their meanings. */
public enum ChangeCode {
    C01("Incorrect DFI account number"),
    C02("Incorrect routing number"),
    C03("Incorrect routing number and incorrect DFI account number"),
    C04("Incorrect individual name or receiving company name"),
    C05("Incorrect transaction code"),
    C06("Incorrect DFI account number and incorrect transaction code"),
    C07("Incorrect routing number, incorrect DFI account number and incorrect transaction code"),
    C08("Incorrect receiving DFI identification (IAT only)"),
    C09("Incorrect individual identification number"),
    C10("Incorrect company name"),
    C11("Incorrect company identification"),
    C12("Incorrect company name and company identification"),
    C13("Addenda format error");

    private final String meaning;

    ChangeCode(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<ChangeCode> parse(String code) {
        for (ChangeCode change : values()) {
            if (change.name().equals(code)) {
                return Optional.of(change);
            }
        }
        return Optional.empty();
    }
}
