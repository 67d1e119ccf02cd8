package dev.converge.remotes;

import dev.converge.core.secret.Redactor;

import java.util.regex.Pattern;

/**
 * Keeps credentials out of everything converge prints, logs or stores. A token is usually
 * written into a remote URL ({@code https://x-access-token:TOKEN@host/…}), and JGit repeats the
 * URL, user part included, in its messages.
 */
public final class Redaction {
    private static final Pattern USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]+@");

    private Redaction() {
    }

    /**
     * The text with the user-info part of every URL in it replaced by {@code ***} (a token may be
     * the user part alone), then whatever the engine's {@link Redactor} masks.
     */
    public static String redact(String text) {
        return text == null ? "" : Redactor.global().redact(USER_INFO.matcher(text).replaceAll("$1***@"));
    }
}
