package dev.converge.files;

import dev.converge.core.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.errors.InvalidPatternException;
import org.eclipse.jgit.fnmatch.FileNameMatcher;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * Which paths of the source tree a push skips: {@code --exclude} globs and the {@code .convergeignore}
 * file at the source root, both in gitignore syntax (JGit's matcher, so "!keep" and "dir/" behave as
 * in Git). The last matching rule wins, as in Git.
 */
public final class IgnoreRules {
    public static final String FILE_NAME = ".convergeignore";
    private final List<FastIgnoreRule> rules;

    private IgnoreRules(List<FastIgnoreRule> rules) {
        this.rules = rules;
    }

    public static IgnoreRules load(Path root, List<String> excludes) throws UsageException {
        List<FastIgnoreRule> rules = new ArrayList<>();
        Path file = root.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    add(rules, lines.get(i), file + ":" + (i + 1));
                }
            } catch (IOException e) {
                throw new UsageException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        for (String glob : excludes) {
            if (glob.isBlank()) {
                throw new UsageException("--exclude needs a pattern, such as '*.tmp' or 'build/'");
            }
            add(rules, glob, "--exclude " + glob);
        }
        return new IgnoreRules(rules);
    }

    private static void add(List<FastIgnoreRule> rules, String line, String where) throws UsageException {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return;
        }
        try {
            // FastIgnoreRule logs and ignores a malformed pattern; check it first so the user hears of it.
            new FileNameMatcher(trimmed.replaceFirst("^!", "").replaceAll("/+$", ""), null);
            FastIgnoreRule rule = new FastIgnoreRule(line);
            if (!rule.isEmpty()) {
                rules.add(rule);
            }
        } catch (InvalidPatternException e) {
            throw new UsageException(where + ": invalid pattern: " + e.getMessage()
                    + " (expected gitignore syntax: *, **, ?, [a-z], a trailing / for directories, ! to re-include)");
        }
    }

    /** Whether a path relative to the root ('/'-separated) is ignored. */
    public boolean isIgnored(String relativePath, boolean directory) {
        boolean ignored = false;
        for (FastIgnoreRule rule : rules) {
            if (rule.isMatch(relativePath, directory, true)) {
                ignored = rule.getResult();
            }
        }
        return ignored;
    }

}
