import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * The least a JVM can do for a no-op push to a directory: walk the source and the target, and
 * compare each file's size and modification time. No state store, no hashing, no report, no
 * concurrency. bench/jvm-floor.sh times it beside rclone and converge: what this costs is the
 * floor under any cold-started Java tool on the same tree.
 */
public final class Floor {
    private Floor() {
    }

    private static Map<String, long[]> walk(Path root) throws IOException {
        Map<String, long[]> seen = new HashMap<>(1 << 16);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                seen.put(root.relativize(file).toString(), new long[] {attrs.size(), attrs.lastModifiedTime().toMillis()});
                return FileVisitResult.CONTINUE;
            }
        });
        return seen;
    }

    public static void main(String[] args) throws IOException {
        Map<String, long[]> source = walk(Path.of(args[0]));
        Map<String, long[]> target = walk(Path.of(args[1]));
        int same = 0;
        for (Map.Entry<String, long[]> e : source.entrySet()) {
            long[] t = target.get(e.getKey());
            if (t != null && t[0] == e.getValue()[0] && t[1] == e.getValue()[1]) {
                same++;
            }
        }
        System.out.println(same + " of " + source.size() + " unchanged");
    }
}
