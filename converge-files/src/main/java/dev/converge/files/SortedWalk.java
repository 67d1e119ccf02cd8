package dev.converge.files;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Walks a directory tree so that files come out already in {@link TreeScanner#KEY_ORDER} of their
 * '/'-separated ids, symbolic links not followed. Each directory's entries are sorted on their own
 * (a directory's name counts as "name/", which is where its ids fall among its siblings'), so the
 * sort compares short names instead of whole paths, and nobody sorts the full list afterwards.
 * Entries are stat'ed relative to their directory's open descriptor where the platform allows it
 * ({@link SecureDirectoryStream}: fstatat on Linux), which saves the kernel a path walk per file.
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

    /** One entry of a directory: its name, the key it sorts by, where it is, and its attributes. */
    private record Entry(String name, String sortKey, Path path, BasicFileAttributes attrs) {
    }

    private SortedWalk() {
    }

    /** Walks {@code root}; ids are relative to it. An unreadable root is reported as failed(""). */
    public static void walk(Path root, Visitor visitor) throws IOException {
        directory(root, "", visitor);
    }

    private static void directory(Path dir, String id, Visitor visitor) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<IOException> statFailures = new ArrayList<>();
        List<String> statFailed = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            SecureDirectoryStream<Path> secure = stream instanceof SecureDirectoryStream<Path> s ? s : null;
            try {
                for (Path p : stream) {
                    String name = p.getFileName().toString();
                    try {
                        BasicFileAttributes a = secure != null
                                ? secure.getFileAttributeView(p.getFileName(), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes()
                                : Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                        entries.add(new Entry(name, a.isDirectory() ? name + "/" : name, p, a));
                    } catch (IOException e) {
                        statFailed.add(name);
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
            visitor.failed(child(id, statFailed.get(i)), statFailures.get(i));
        }
        Entry[] sorted = entries.toArray(new Entry[0]);
        Arrays.sort(sorted, (a, b) -> TreeScanner.KEY_ORDER.compare(a.sortKey, b.sortKey));
        for (Entry e : sorted) {
            String childId = child(id, e.name);
            if (e.attrs.isDirectory()) {
                if (visitor.enter(childId)) {
                    directory(e.path, childId, visitor);
                }
            } else {
                visitor.file(childId, e.path, e.attrs);
            }
        }
    }

    private static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }
}
