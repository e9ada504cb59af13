package io.payrail.store;

public enum ReadDirection {
    FORWARDS,
    BACKWARDS
}
