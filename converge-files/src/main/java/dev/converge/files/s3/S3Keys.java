package dev.converge.files.s3;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Which keys S3 (and the S3-compatible stores converge targets) can hold and list back intact. */
final class S3Keys {
    /** S3's limit on a key, counted in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1024;

    private S3Keys() {
    }

    /**
     * Why {@code fullKey} cannot be stored, or empty.
     *
     * @param fullKey     the key including the target prefix (the limit applies to all of it)
     * @param relativeKey the key as the user sees it, for the message
     */
    static Optional<String> reject(String fullKey, String relativeKey) {
        if (relativeKey.isEmpty()) {
            return Optional.of("an empty name cannot be an S3 key");
        }
        for (int i = 0; i < relativeKey.length(); i++) {
            char c = relativeKey.charAt(i);
            // XML 1.0, which S3 listings are written in, cannot carry most control characters
            if (c < 0x20 || c == 0x7f) {
                return Optional.of(String.format("the name contains control character U+%04X, which S3 listings cannot carry", (int) c));
            }
        }
        for (String segment : relativeKey.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                // HTTP clients normalise /./ and /../ out of request paths, so such an object is unreachable
                return Optional.of("a path segment '" + segment + "' cannot be addressed in an S3 request");
            }
        }
        int bytes;
        try {
            bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(fullKey))
                    .remaining();
        } catch (CharacterCodingException e) {
            return Optional.of("the name is not valid Unicode (unpaired surrogate), so it has no UTF-8 form");
        }
        if (bytes > MAX_KEY_BYTES) {
            return Optional.of("the key is " + bytes + " bytes in UTF-8; S3 allows at most " + MAX_KEY_BYTES);
        }
        return Optional.empty();
    }

    /** Whether an ETag is a plain MD5 (single-part upload), as opposed to "md5-of-md5s-N". */
    static boolean isPlainMd5(String etag) {
        if (etag.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = etag.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** An ETag as S3 sends it, quoted, made bare and lower-case. */
    static String bareEtag(String etag) {
        if (etag == null) {
            return "";
        }
        String s = etag.strip();
        if (s.startsWith("W/")) {
            s = s.substring(2);
        }
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
