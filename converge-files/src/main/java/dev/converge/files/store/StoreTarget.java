package dev.converge.files.store;

import dev.converge.core.UsageException;
import java.util.Locale;

/**
 * A parsed {@code --to} value: {@code azure://container/prefix}, {@code s3://bucket/prefix} or
 * {@code dir:/path}. The prefix has no leading or trailing slash and may be empty.
 */
public record StoreTarget(String scheme, String container, String prefix, String raw) {

    public static StoreTarget parse(String raw) throws UsageException {
        if (raw == null || raw.isBlank()) {
            throw new UsageException("--to is required: azure://CONTAINER[/PREFIX], s3://BUCKET[/PREFIX] or dir:PATH");
        }
        int colon = raw.indexOf(':');
        String scheme = colon < 0 ? "" : raw.substring(0, colon).toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "dir" -> {
                String path = raw.substring(colon + 1);
                if (path.startsWith("//")) {
                    path = path.substring(2);
                }
                if (path.isEmpty()) {
                    throw new UsageException("--to " + raw + ": dir: needs a path, as in dir:/mnt/backup/notes");
                }
                return new StoreTarget("dir", path, "", raw);
            }
            case "azure", "s3" -> {
                String rest = raw.substring(colon + 1);
                if (!rest.startsWith("//")) {
                    throw new UsageException("--to " + raw + ": expected " + scheme + "://"
                            + (scheme.equals("s3") ? "BUCKET" : "CONTAINER") + "[/PREFIX]");
                }
                rest = rest.substring(2);
                int slash = rest.indexOf('/');
                String container = slash < 0 ? rest : rest.substring(0, slash);
                String prefix = slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
                if (container.isEmpty()) {
                    throw new UsageException("--to " + raw + ": no " + (scheme.equals("s3") ? "bucket" : "container")
                            + " named; expected " + scheme + "://NAME[/PREFIX]");
                }
                return new StoreTarget(scheme, container, prefix, raw);
            }
            default -> throw new UsageException("--to " + raw + ": unknown scheme '" + (colon < 0 ? raw : scheme)
                    + "'; expected azure://CONTAINER[/PREFIX], s3://BUCKET[/PREFIX] or dir:PATH");
        }
    }

    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }

    /** The full object key for a key relative to the prefix. */
    public String fullKey(String relativeKey) {
        return prefix.isEmpty() ? relativeKey : prefix + "/" + relativeKey;
    }
}
