package dev.converge.files;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Walks a directory tree so that files come out already in {@link TreeScanner#KEY_ORDER} of their
 * '/'-separated ids, symbolic links not followed. Each directory's entries are sorted on their own
 * (a directory's name counts as "name/", which is where its ids fall among its siblings'), so the
 * sort compares short names instead of whole paths, and nobody sorts the full list afterwards.
 * Entries are stat'ed by their full path: SecureDirectoryStream's fstatat saved the kernel little
 * and cost more Java per file (a relative path object, a lock) than it saved.
 */
public final class SortedWalk {

    /** What the walk reports. Methods may throw to stop the walk. */
    public interface Visitor {
        /** Whether to descend into a directory (never asked for the root). */
        boolean enter(String id) throws IOException;

        /** A non-directory entry: a regular file, a link, or anything else; {@code attrs} not following links. */
        void file(String id, Path path, BasicFileAttributes attrs) throws IOException;

        /** A directory that could not be opened, or an entry that could not be stat'ed. */
        void failed(String id, IOException e) throws IOException;

        /** A directory whose listing broke off part way. */
        void listingFailed(String id, IOException e) throws IOException;
    }

    /**
     * One entry of a directory: the key it sorts by among its siblings (its name, "name/" for a
     * directory), its id, where it is, and its attributes. Sorting compares names with
     * {@link String#compareTo} when no name of the directory has a surrogate (the two orders agree
     * then), which the JDK has compiled long before a walk starts.
     */
    private record Entry(String sortKey, String id, Path path, BasicFileAttributes attrs) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            return sortKey.compareTo(o.sortKey);
        }
    }

    private static final Comparator<Entry> KEY_ORDER = (a, b) -> TreeScanner.KEY_ORDER.compare(a.sortKey, b.sortKey);

    private SortedWalk() {
    }

    /** Walks {@code root}; ids are relative to it. An unreadable root is reported as failed(""). */
    public static void walk(Path root, Visitor visitor) throws IOException {
        String r = root.toString();
        String separator = root.getFileSystem().getSeparator();
        int prefix = r.isEmpty() ? 0 : r.endsWith(separator) ? r.length() : r.length() + separator.length();
        new SortedWalk.Walker(prefix, separator.equals("/") ? null : separator, visitor).directory(root, "");
    }

    /**
     * The walk's state. The id of an entry is cut from its path's string (root + separator + id),
     * which the directory stream has already built, instead of asking the path for its name and
     * concatenating ids: those were a fifth of the walk's samples, in code run once per file.
     */
    private record Walker(int prefix, String separator, Visitor visitor) {

        void directory(Path dir, String id) throws IOException {
            List<Entry> entries = new ArrayList<>();
            List<String> statFailed = new ArrayList<>();
            List<IOException> statFailures = new ArrayList<>();
            boolean plain = true;
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                try {
                    for (Path p : stream) {
                        String full = p.toString();
                        String childId = separator == null ? full.substring(prefix) : full.substring(prefix).replace(separator, "/");
                        String name = childId.substring(childId.lastIndexOf('/') + 1);
                        // O(1) on a Latin-1 string: a name without surrogates sorts the same by compareTo
                        plain &= name.codePointCount(0, name.length()) == name.length();
                        try {
                            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                            entries.add(new Entry(a.isDirectory() ? name + "/" : name, childId, p, a));
                        } catch (IOException e) {
                            statFailed.add(childId);
                            statFailures.add(e);
                        }
                    }
                } catch (DirectoryIteratorException e) {
                    visitor.listingFailed(id, e.getCause());
                }
            } catch (IOException e) {
                visitor.failed(id, e);
                return;
            }
            for (int i = 0; i < statFailed.size(); i++) {
                visitor.failed(statFailed.get(i), statFailures.get(i));
            }
            Entry[] sorted = entries.toArray(new Entry[0]);
            if (plain) {
                Arrays.sort(sorted);
            } else {
                Arrays.sort(sorted, KEY_ORDER);
            }
            for (Entry e : sorted) {
                if (e.attrs.isDirectory()) {
                    if (visitor.enter(e.id)) {
                        directory(e.path, e.id);
                    }
                } else {
                    visitor.file(e.id, e.path, e.attrs);
                }
            }
        }
    }
}
