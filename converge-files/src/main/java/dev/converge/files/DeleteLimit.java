package dev.converge.files;

import dev.converge.core.UsageException;

/**
 * The cap on deletions in one push ({@code --max-delete N} or {@code P%}), checked before any
 * delete is made: a run that would exceed it deletes nothing.
 */
public record DeleteLimit(long count, double percent) {
    public static final DeleteLimit DEFAULT = new DeleteLimit(-1, 50);

    public static DeleteLimit parse(String s) throws UsageException {
        String v = s.trim();
        try {
            if (v.endsWith("%")) {
                double p = Double.parseDouble(v.substring(0, v.length() - 1));
                if (p < 0 || p > 100) {
                    throw new NumberFormatException();
                }
                return new DeleteLimit(-1, p);
            }
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return new DeleteLimit(n, -1);
        } catch (NumberFormatException e) {
            throw new UsageException("--max-delete " + s + ": expected a count (100) or a percentage (10%)");
        }
    }

    /** The largest number of deletions allowed when the remote holds {@code remoteObjects} objects. */
    public long allowed(long remoteObjects) {
        return count >= 0 ? count : (long) Math.floor(remoteObjects * percent / 100.0);
    }

    @Override
    public String toString() {
        return count >= 0 ? String.valueOf(count) : (percent == Math.floor(percent) ? String.valueOf((long) percent) : String.valueOf(percent)) + "%";
    }
}
