package dev.converge.files.s3;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for S3 requests (header-based, service {@code s3}): canonical request,
 * string to sign, and the signing key, which depends only on the secret, the day and the region and
 * so is derived once a day rather than with four HMACs per request.
 *
 * <p>The caller gives the headers to sign (lower-case names, {@code host}, {@code x-amz-date} and
 * {@code x-amz-content-sha256} among them), the path already URI-encoded once (S3 is not
 * double-encoded) and the canonical query string. {@code SigV4SignerTest} checks the result against
 * the SDK's own signer.
 */
final class SigV4Signer {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** SHA-256 of no bytes: the payload hash of GET, HEAD and DELETE. */
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private record SigningKey(String day, String secret, byte[] key) {
    }

    private final String region;
    private volatile SigningKey cached;

    SigV4Signer(String region) {
        this.region = region;
    }

    static String amzDate(Instant time) {
        return AMZ_DATE.format(time);
    }

    /**
     * The {@code Authorization} header's value.
     *
     * @param headers     every header to sign, by lower-case name, sorted
     * @param payloadHash hex SHA-256 of the body (or {@code UNSIGNED-PAYLOAD}), as also sent in
     *                    {@code x-amz-content-sha256}
     * @param amzDate     the {@code x-amz-date} value the headers carry
     */
    String authorization(String method, String encodedPath, String canonicalQuery, SortedMap<String, String> headers,
                         String payloadHash, String amzDate, S3Credentials credentials) {
        StringBuilder canonical = new StringBuilder(256).append(method).append('\n')
                .append(encodedPath).append('\n').append(canonicalQuery).append('\n');
        StringBuilder signed = new StringBuilder(96);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            canonical.append(h.getKey()).append(':').append(trimmed(h.getValue())).append('\n');
            if (!signed.isEmpty()) {
                signed.append(';');
            }
            signed.append(h.getKey());
        }
        canonical.append('\n').append(signed).append('\n').append(payloadHash);
        String day = amzDate.substring(0, 8);
        String scope = day + "/" + region + "/s3/aws4_request";
        String toSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonical.toString());
        String signature = HexFormat.of().formatHex(hmac(signingKey(day, credentials.secretAccessKey()), toSign));
        return ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signed + ", Signature=" + signature;
    }

    private byte[] signingKey(String day, String secret) {
        SigningKey key = cached;
        if (key != null && key.day().equals(day) && key.secret().equals(secret)) {
            return key.key();
        }
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day);
        k = hmac(k, region);
        k = hmac(k, "s3");
        k = hmac(k, "aws4_request");
        cached = new SigningKey(day, secret, k);
        return k;
    }

    /** Header values are signed stripped, with runs of spaces as one. */
    private static String trimmed(String value) {
        String s = value.strip();
        return s.contains("  ") ? s.replaceAll(" +", " ") : s;
    }

    static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * URI-encodes as SigV4 wants (RFC 3986 unreserved characters kept, everything else as
     * upper-case %XX of its UTF-8 bytes); {@code keepSlash} for paths.
     */
    static String uriEncode(String text, boolean keepSlash) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == '/' && keepSlash) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
