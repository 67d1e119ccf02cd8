package dev.converge.files;

import dev.converge.core.UsageException;

/** How a push decides that a file needs uploading. */
public enum PushMode {
    /** Trust the base: size, mtime and inode unchanged and the remote ETag as recorded means unchanged. */
    INCREMENTAL,
    /** Check every file against the remote by content hash, whatever the base says. */
    ALL;

    public static PushMode parse(String s) throws UsageException {
        return switch (s) {
            case "incremental" -> INCREMENTAL;
            case "all" -> ALL;
            default -> throw new UsageException("--mode " + s + ": expected incremental or all");
        };
    }
}
