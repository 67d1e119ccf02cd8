package dev.converge.files;

import dev.converge.core.model.Item;
import java.nio.file.Path;

/**
 * One file of the source tree.
 *
 * @param id         its path relative to the source root, '/'-separated: also its key under the target prefix
 * @param path       where it is on disk
 * @param size       bytes, when scanned
 * @param mtimeNanos last-modified time in nanoseconds since the epoch, when scanned
 * @param inode      the file system's identity of the file ("(dev=…,ino=…)") where it has one, else ""
 * @param hash       its content hash, once computed (null until the planner needed it)
 */
public record FileItem(String id, Path path, long size, long mtimeNanos, String inode, ContentHash hash) implements Item {

    public FileItem withHash(ContentHash h) {
        return new FileItem(id, path, size, mtimeNanos, inode, h);
    }

    /** The stamp recorded in the base: the cheap test of "unchanged since last push". */
    public LocalStamp stamp() {
        return new LocalStamp(size, mtimeNanos, inode, hash == null ? "" : hash.sha256());
    }
}
