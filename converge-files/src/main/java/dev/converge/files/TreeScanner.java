package dev.converge.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Walks the source tree: regular files only, symbolic links not followed, ignored paths pruned
 * (an ignored directory is not descended into). An unreadable file or directory becomes a scan
 * error for that path alone; the walk goes on.
 */
public final class TreeScanner {

    /** A path that could not be read, and why. */
    public record ScanError(String id, String message) {
    }

    /** The files, sorted by id in code point order, and the errors. */
    public record Scan(List<FileItem> files, List<ScanError> errors) {
    }

    /**
     * Orders ids as the stores and SQLite do: by Unicode code point, i.e. UTF-8 byte order. UTF-16
     * order (String.compareTo) is the same except where a surrogate meets a character from U+E000
     * up, so chars are compared directly and only such a pair is looked at as code points (sorting
     * 10,000 ids through codePointAt was a visible share of a no-op push).
     */
    public static final Comparator<String> KEY_ORDER = (a, b) -> {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                if (Character.isSurrogate(ca) != Character.isSurrogate(cb) && (ca >= 0xE000 || cb >= 0xE000)) {
                    // a supplementary character (surrogate pair) sorts after every BMP character
                    return Character.isSurrogate(ca) ? 1 : -1;
                }
                return Character.compare(ca, cb);
            }
        }
        return Integer.compare(a.length(), b.length());
    };

    private TreeScanner() {
    }

    public static Scan scan(Path root, IgnoreRules ignore) throws IOException {
        List<FileItem> files = new ArrayList<>();
        List<ScanError> errors = new ArrayList<>();
        // SortedWalk hands the files over in KEY_ORDER already: nothing to sort afterwards
        SortedWalk.walk(root, new SortedWalk.Visitor() {
            @Override
            public boolean enter(String id) {
                return !ignore.isIgnored(id, true);
            }

            @Override
            public void file(String id, Path path, BasicFileAttributes attrs) {
                if (!attrs.isRegularFile() || id.equals(IgnoreRules.FILE_NAME) || ignore.isIgnored(id, false)) {
                    return;
                }
                Object key = attrs.fileKey();
                files.add(new FileItem(id, path, attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                        key == null ? "" : key.toString(), null));
            }

            @Override
            public void failed(String id, IOException e) {
                String why = e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
                errors.add(new ScanError(id, "cannot read: " + why));
            }

            @Override
            public void listingFailed(String id, IOException e) {
                errors.add(new ScanError(id, "cannot list directory: " + e.getMessage()));
            }
        });
        return new Scan(files, errors);
    }
}
