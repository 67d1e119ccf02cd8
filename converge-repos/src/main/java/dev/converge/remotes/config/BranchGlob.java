package dev.converge.remotes.config;

import java.util.regex.Pattern;

/**
 * A branch filter from config. {@code *} matches any run of characters, slashes included, as in a
 * Git refspec ({@code release/*} matches {@code release/1.0} and {@code release/1.0/hotfix});
 * {@code ?} matches one character. Where it was written is kept so that a glob matching nothing
 * can be reported by file, line and key.
 *
 * @param text  the glob as written
 * @param where file:line:column it came from, or an empty string for defaults
 * @param key   the config key it was written under ({@code remotes.origin.branches[1]}), or an empty string
 */
public record BranchGlob(String text, String where, String key) {
    /** Every branch: the default, which no config file wrote. */
    public static final BranchGlob ALL = new BranchGlob("*", "", "");

    /** Whether a config file wrote this glob (the default matches nothing only in an empty repository). */
    public boolean configured() {
        return !where.isEmpty();
    }

    public boolean matches(String branch) {
        return compile().matcher(branch).matches();
    }

    private Pattern compile() {
        StringBuilder regex = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    @Override
    public String toString() {
        return text;
    }
}
