package dev.converge.core.config;

/**
 * One effective setting and where its value came from ("default", "env CONVERGE_…",
 * "converge.yaml:12", "flag --concurrency"), as {@code converge config show} prints it.
 */
public record Setting<T>(String key, T value, String origin, boolean secret) {
    /** The value as it may be shown: secrets masked. */
    public String shown() {
        if (value == null) {
            return "";
        }
        return secret ? "****" : String.valueOf(value);
    }
}
