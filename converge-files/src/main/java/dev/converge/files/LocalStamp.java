package dev.converge.files;

import dev.converge.core.model.Fingerprint;

/**
 * The left fingerprint of a files base: size, mtime and inode (the cheap test) and the content's
 * SHA-256 (what it was when pushed). Serialised as {@code size:mtime:inode:sha256}.
 */
public record LocalStamp(long size, long mtimeNanos, String inode, String sha256) {

    public Fingerprint fingerprint() {
        return new Fingerprint(size + ":" + mtimeNanos + ":" + inode + ":" + sha256);
    }

    /** Parses a recorded fingerprint; an unreadable one yields null, which simply forces a hash. */
    public static LocalStamp parse(Fingerprint f) {
        if (f == null) {
            return null;
        }
        String v = f.value();
        int a = v.indexOf(':');
        int b = v.indexOf(':', a + 1);
        int c = v.lastIndexOf(':');
        if (a < 0 || b < 0 || c <= b) {
            return null;
        }
        try {
            return new LocalStamp(Long.parseLong(v.substring(0, a)), Long.parseLong(v.substring(a + 1, b)),
                    v.substring(b + 1, c), v.substring(c + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether a scanned file still looks exactly as it did when this stamp was recorded. */
    public boolean sameAs(FileItem f) {
        return size == f.size() && mtimeNanos == f.mtimeNanos() && inode.equals(f.inode());
    }
}
