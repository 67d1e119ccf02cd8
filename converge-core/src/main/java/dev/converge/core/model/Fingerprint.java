package dev.converge.core.model;

import java.util.Objects;

/**
 * What identifies one version of an item on one side: a commit SHA, a content hash, an ETag.
 * Opaque to the engine; only equality matters to the three-way compare.
 */
public record Fingerprint(String value) {
    public Fingerprint {
        Objects.requireNonNull(value, "value");
    }

    public static Fingerprint of(String value) {
        return value == null ? null : new Fingerprint(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
