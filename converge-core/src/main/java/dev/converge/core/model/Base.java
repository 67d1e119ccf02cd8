package dev.converge.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What was true of one item after the last successful sync: the common ancestor of the
 * three-way compare. {@code left} and {@code right} are the fingerprints each side had then.
 */
public record Base(String itemId, Fingerprint left, Fingerprint right, Instant syncedAt) {
    public Base {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(syncedAt, "syncedAt");
    }
}
