package dev.converge.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * MD5 (what stores verify uploads with) and SHA-256 (what converge records) of a file's content,
 * computed in one read.
 */
public record ContentHash(String md5, String sha256, long size) {
    private static final int BUFFER = 256 * 1024;

    public static ContentHash of(Path file) throws IOException {
        return of(file, true);
    }

    /** @param withMd5 whether the MD5 is wanted; when not, it is null and only SHA-256 is computed */
    public static ContentHash of(Path file, boolean withMd5) throws IOException {
        MessageDigest md5 = withMd5 ? digest("MD5") : null;
        MessageDigest sha = digest("SHA-256");
        byte[] buf = new byte[BUFFER];
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                if (md5 != null) {
                    md5.update(buf, 0, n);
                }
                sha.update(buf, 0, n);
                size += n;
            }
        }
        return new ContentHash(md5 == null ? null : HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(sha.digest()), size);
    }

    /** The hashes of content already in memory. */
    public static ContentHash of(byte[] bytes) {
        return new ContentHash(HexFormat.of().formatHex(digest("MD5").digest(bytes)),
                HexFormat.of().formatHex(digest("SHA-256").digest(bytes)), bytes.length);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
