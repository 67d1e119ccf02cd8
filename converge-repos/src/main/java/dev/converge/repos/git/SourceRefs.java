package dev.converge.repos.git;

import org.eclipse.jgit.lib.ObjectId;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The branches and tags of a repository on this machine, read from its files (loose refs over
 * {@code packed-refs}), with the branch its HEAD names: what a clone of it copies. Only the plain
 * layout is read; anything a clone would have to treat specially (another object format or ref
 * storage, a shallow or grafted history, a detached or unborn HEAD, a symbolic branch or tag, a
 * name that needs quoting in a config file) answers empty, and the caller leaves the clone to git.
 *
 * @param head     the branch HEAD names, without {@code refs/heads/}
 * @param branches branch name (without {@code refs/heads/}) to commit id
 * @param tags     full tag ref ({@code refs/tags/v1}) to the id it holds
 */
record SourceRefs(String head, Map<String, String> branches, Map<String, String> tags) {
    private static final String HEADS = "refs/heads/";
    private static final String TAGS = "refs/tags/";

    /** Reads the refs of the repository whose Git directory is {@code gitDir}, or empty when it is not plain. */
    static Optional<SourceRefs> read(Path gitDir) {
        try {
            for (String special : new String[] {"reftable", "commondir", "shallow", "info/grafts"}) {
                if (Files.exists(gitDir.resolve(special), LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.empty();
                }
            }
            if (!plainConfig(gitDir.resolve("config"))) {
                return Optional.empty();
            }
            String headText = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8);
            if (!headText.startsWith("ref: " + HEADS) || !headText.endsWith("\n")) {
                return Optional.empty();
            }
            String head = headText.substring(("ref: " + HEADS).length(), headText.length() - 1);
            Map<String, String> refs = new TreeMap<>();
            if (!packed(gitDir.resolve("packed-refs"), refs) || !loose(gitDir, HEADS, refs) || !loose(gitDir, TAGS, refs)) {
                return Optional.empty();
            }
            Map<String, String> branches = new TreeMap<>();
            Map<String, String> tags = new TreeMap<>();
            for (Map.Entry<String, String> ref : refs.entrySet()) {
                if (!plainName(ref.getKey())) {
                    return Optional.empty();
                }
                if (ref.getKey().startsWith(HEADS)) {
                    branches.put(ref.getKey().substring(HEADS.length()), ref.getValue());
                } else if (ref.getKey().startsWith(TAGS)) {
                    tags.put(ref.getKey(), ref.getValue());
                }
            }
            if (!branches.containsKey(head)) {
                return Optional.empty(); // unborn: git clone says so and checks nothing out
            }
            return Optional.of(new SourceRefs(head, branches, tags));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Format version 0 (or 1) with no extension: an extension (another object format, reftable,
     * partial clone) changes what a clone must write, and git knows how.
     */
    private static boolean plainConfig(Path config) throws IOException {
        if (!Files.isRegularFile(config)) {
            return false;
        }
        String text = Files.readString(config, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        return !text.contains("[extensions") && !text.contains("[include") && !text.contains("[includeif");
    }

    /** Adds the refs of {@code packed-refs}; false when a line is not of the plain form. */
    private static boolean packed(Path file, Map<String, String> refs) throws IOException {
        if (!Files.exists(file)) {
            return true;
        }
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("#") || line.startsWith("^")) {
                    continue; // the header, and a peeled tag's target (the clone's packed-refs peels nothing)
                }
                int space = line.indexOf(' ');
                if (space != ObjectId.zeroId().name().length() || !ObjectId.isId(line.substring(0, space))) {
                    return false;
                }
                refs.put(line.substring(space + 1), line.substring(0, space));
            }
        }
        return true;
    }

    /** Adds (over packed ones) the loose refs under {@code prefix}; false for a symbolic or unreadable one. */
    private static boolean loose(Path gitDir, String prefix, Map<String, String> refs) throws IOException {
        Path root = gitDir.resolve(prefix);
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return !Files.exists(root, LinkOption.NOFOLLOW_LINKS);
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String name = gitDir.relativize(file).toString().replace('\\', '/');
                if (name.endsWith(".lock")) {
                    return false; // a ref being updated right now: git clone copes, or fails, on its own
                }
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    return false;
                }
                String id = Files.readString(file, StandardCharsets.US_ASCII);
                if (id.length() != ObjectId.zeroId().name().length() + 1 || !id.endsWith("\n") || !ObjectId.isId(id.strip())) {
                    return false;
                }
                refs.put(name, id.strip());
            }
        }
        return true;
    }

    /** A ref name this clone can write as it is in a file name and a config section without quoting. */
    private static boolean plainName(String ref) {
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c <= ' ' || c == '"' || c == '\\' || c == 0x7f || c > 0x7e) {
                return false;
            }
        }
        return !ref.contains("..") && !ref.contains("//") && !ref.endsWith("/");
    }
}
