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

    /**
     * {@code parse(f).sameAs(file)} without building the stamp: the test every unchanged file of a
     * no-op goes through, so it reads the numbers in place instead of cutting the string in four.
     */
    public static boolean sameAs(Fingerprint f, FileItem file) {
        if (f == null) {
            return false;
        }
        String v = f.value();
        int a = v.indexOf(':');
        int b = v.indexOf(':', a + 1);
        int c = v.lastIndexOf(':');
        if (a < 0 || b < 0 || c <= b) {
            return false;
        }
        String inode = file.inode();
        return isDecimal(v, 0, a, file.size()) && isDecimal(v, a + 1, b, file.mtimeNanos())
                && c - b - 1 == inode.length() && v.startsWith(inode, b + 1);
    }

    /**
     * Whether {@code v[from, to)} is {@code n} as {@link Long#toString(long)} writes it (how stamps are
     * recorded), compared digit by digit from the end. Another spelling of the same number only
     * costs a hash.
     */
    private static boolean isDecimal(String v, int from, int to, long n) {
        if (n < 0) {
            if (from >= to || v.charAt(from) != '-') {
                return false;
            }
            from++;
        }
        int i = to;
        do {
            if (i <= from || v.charAt(--i) != (char) ('0' + Math.abs(n % 10))) {
                return false;
            }
            n /= 10;
        } while (n != 0);
        return i == from;
    }

    /** Whether a scanned file still looks exactly as it did when this stamp was recorded. */
    public boolean sameAs(FileItem f) {
        return size == f.size() && mtimeNanos == f.mtimeNanos() && inode.equals(f.inode());
    }
}
