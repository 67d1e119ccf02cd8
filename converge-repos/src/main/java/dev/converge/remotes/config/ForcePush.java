package dev.converge.remotes.config;

import java.util.Locale;

/** What converge may do when a push to a remote would not be a fast-forward. */
public enum ForcePush {
    /** Refuse the push and report it as blocked. The default: nothing on a mirror is ever dropped. */
    BLOCK,
    /** Ask on a terminal; refuse off one unless the user passed {@code --force}. Then push as {@link #ALLOW}. */
    WARN,
    /** Push with a lease on the SHA last seen on that remote (force-with-lease), never a blind force. */
    ALLOW;

    /** The word used in {@code .converge.yaml}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a config word, or returns {@code null} when it is none of block, warn, allow. */
    public static ForcePush parse(String word) {
        for (ForcePush f : values()) {
            if (f.label().equals(word)) {
                return f;
            }
        }
        return null;
    }
}
