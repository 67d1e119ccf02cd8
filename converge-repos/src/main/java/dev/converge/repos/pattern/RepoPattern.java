package dev.converge.repos.pattern;

import dev.converge.core.UsageException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A slash-separated glob matched case-insensitively against a repository's full path at its
 * provider ({@code owner/repo}, {@code group/subgroup/repo}, a path under a local root).
 *
 * <p>{@code *} and {@code ?} stay within one segment, {@code **} spans segments (a whole
 * {@code **} segment also matches no segment at all, so {@code a/**}{@code /b} matches {@code a/b}),
 * {@code {x,y}} gives alternatives (they may nest and contain wildcards), and {@code \} quotes
 * the next character. A leading {@code name:} names the provider ({@code work:myorg/*}).
 */
public final class RepoPattern {
    private static final Pattern PROVIDER_PREFIX = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.-]*):(.*)");

    private final String text;
    private final String provider;
    private final String glob;
    private final Pattern regex;

    private RepoPattern(String text, String provider, String glob, Pattern regex) {
        this.text = text;
        this.provider = provider;
        this.glob = glob;
        this.regex = regex;
    }

    /** The pattern that matches every repository. */
    public static RepoPattern all() {
        try {
            return parse("**");
        } catch (UsageException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses a pattern as a user typed it.
     *
     * @throws UsageException for unbalanced braces or a dangling escape, naming the column
     */
    public static RepoPattern parse(String text) throws UsageException {
        String input = text == null ? "" : text.strip();
        String provider = null;
        String glob = input;
        var prefixed = PROVIDER_PREFIX.matcher(input);
        if (prefixed.matches()) {
            provider = prefixed.group(1);
            glob = prefixed.group(2);
        }
        glob = trimSlashes(glob);
        if (glob.isEmpty()) {
            glob = "**";
        }
        String regex = new GlobCompiler(input, glob).compile();
        return new RepoPattern(input, provider, glob,
                Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    /** Whether a repository's full path matches, ignoring case and surrounding slashes. */
    public boolean matches(String fullPath) {
        return regex.matcher(trimSlashes(fullPath)).matches();
    }

    /** The provider this pattern names ({@code work} in {@code work:myorg/*}), if any. */
    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }

    /** The glob without the provider prefix. */
    public String glob() {
        return glob;
    }

    /**
     * The leading segments that hold no wildcard, lower-cased, so a provider can narrow what it
     * lists: {@code [myorg]} for {@code myorg/*}, empty for {@code *}{@code /repo} or {@code {a,b}/x}.
     */
    public List<String> literalPrefix() {
        List<String> prefix = new ArrayList<>();
        for (String segment : glob.split("/")) {
            if (segment.chars().anyMatch(c -> "*?{}\\,".indexOf(c) >= 0)) {
                break;
            }
            prefix.add(segment.toLowerCase(Locale.ROOT));
        }
        return prefix;
    }

    @Override
    public String toString() {
        return text;
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

    /** Translates the glob to a regular expression in one left-to-right pass. */
    private static final class GlobCompiler {
        private final String text;
        private final String glob;
        private final StringBuilder out = new StringBuilder();
        private final List<Integer> openBraces = new ArrayList<>();

        GlobCompiler(String text, String glob) {
            this.text = text;
            this.glob = glob;
        }

        String compile() throws UsageException {
            int i = 0;
            while (i < glob.length()) {
                char c = glob.charAt(i);
                switch (c) {
                    case '*' -> i = star(i);
                    case '?' -> {
                        out.append("[^/]");
                        i++;
                    }
                    case '{' -> {
                        openBraces.add(i);
                        out.append("(?:");
                        i++;
                    }
                    case '}' -> {
                        if (openBraces.isEmpty()) {
                            throw error("unbalanced '}' at column " + column(i));
                        }
                        openBraces.remove(openBraces.size() - 1);
                        out.append(')');
                        i++;
                    }
                    case ',' -> {
                        out.append(openBraces.isEmpty() ? "," : "|");
                        i++;
                    }
                    case '\\' -> {
                        if (i + 1 >= glob.length()) {
                            throw error("'\\' at the end quotes nothing");
                        }
                        out.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
                        i += 2;
                    }
                    default -> {
                        out.append(Pattern.quote(String.valueOf(c)));
                        i++;
                    }
                }
            }
            if (!openBraces.isEmpty()) {
                throw error("unbalanced '{' at column " + column(openBraces.get(0)) + " is never closed");
            }
            return out.toString();
        }

        private int star(int i) {
            boolean doubleStar = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
            if (!doubleStar) {
                out.append("[^/]*");
                return i + 1;
            }
            int after = i + 2;
            boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
            boolean segmentEnd = after == glob.length() || glob.charAt(after) == '/';
            if (segmentStart && segmentEnd && after < glob.length()) {
                // "**/" may stand for no segment at all: a/**/b matches a/b.
                out.append("(?:[^/]*/)*");
                return after + 1;
            }
            if (segmentStart && segmentEnd && i > 0) {
                // A trailing "/**" matches the directory itself and everything below it.
                out.setLength(out.length() - Pattern.quote("/").length());
                out.append("(?:/.*)?");
                return after;
            }
            out.append(".*");
            return after;
        }

        private int column(int indexInGlob) {
            return text.indexOf(glob) + indexInGlob + 1;
        }

        private UsageException error(String problem) {
            return new UsageException("pattern '" + text + "': " + problem);
        }
    }
}
