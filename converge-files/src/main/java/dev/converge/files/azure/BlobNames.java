package dev.converge.files.azure;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Azure's rules for container and blob names, checked before anything is sent so that a file the store cannot
 * hold fails as that one item with a reason, instead of as a 400 in the middle of an upload.
 *
 * <p>From "Naming and Referencing Containers, Blobs, and Metadata": a name is 1 to 1,024
 * characters and at most 254 '/'-separated segments; names (and segments) should not end with a
 * dot or a slash, because the service and URL normalisation treat them specially; control
 * characters and code points that are not valid characters (noncharacters, private use, lone
 * surrogates) are not allowed even when percent-encoded.
 */
final class BlobNames {
    static final int MAX_LENGTH = 1024;
    static final int MAX_SEGMENTS = 254;

    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> SPECIAL_CONTAINERS = Set.of("$root", "$web", "$logs");

    private BlobNames() {
    }

    /**
     * Why Azure cannot hold a blob of this full name (prefix included), or empty when it can.
     */
    static Optional<String> reject(String name) {
        if (name.isEmpty()) {
            return Optional.of("an empty name cannot be a blob name");
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_LENGTH) {
            return Optional.of("blob name is " + length + " characters long; Azure allows at most " + MAX_LENGTH);
        }
        String[] segments = name.split("/", -1);
        if (segments.length > MAX_SEGMENTS) {
            return Optional.of("blob name has " + segments.length + " path segments; Azure allows at most " + MAX_SEGMENTS);
        }
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return Optional.of("blob name has an empty path segment or ends with '/'");
            }
            if (segment.endsWith(".")) {
                return Optional.of("path segment '" + printable(segment) + "' ends with '.', which Azure does not keep");
            }
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (!allowed(cp)) {
                return Optional.of(String.format("blob name contains U+%04X, a character Azure does not allow", cp));
            }
            i += Character.charCount(cp);
        }
        return Optional.empty();
    }

    /**
     * Why Azure cannot have a container of this name, or empty when it can: 3 to 63 lower-case
     * letters, digits and single hyphens, starting and ending with a letter or digit; or one of
     * the service's special containers.
     */
    static Optional<String> rejectContainer(String name) {
        if (SPECIAL_CONTAINERS.contains(name) || CONTAINER.matcher(name).matches() && name.length() >= 3
                && name.length() <= 63) {
            return Optional.empty();
        }
        return Optional.of("'" + printable(name) + "' is not a valid container name: 3 to 63 lower-case letters,"
                + " digits and single hyphens, starting and ending with a letter or digit");
    }

    private static boolean allowed(int cp) {
        if (Character.isISOControl(cp)) { // C0, DEL and C1
            return false;
        }
        if (Character.isSurrogate((char) cp) && cp <= Character.MAX_VALUE) { // a lone surrogate
            return false;
        }
        if (Character.getType(cp) == Character.PRIVATE_USE) {
            return false;
        }
        boolean nonCharacter = (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
        return !nonCharacter;
    }

    /** The segment with control characters shown as '?', so a message stays one clean line. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return out.toString();
    }
}
