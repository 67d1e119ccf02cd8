package dev.converge.core.state;

/**
 * One versioned change to the state schema. Versions are applied in order, each once, each in
 * its own transaction; a released migration is never edited, only followed by a new one.
 */
public record Migration(int version, String description, String sql) {
}
