package dev.converge.files.azure;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Azure Storage's Shared Key authorization (version 2009-09-19 and later), as the REST reference
 * "Authorize with Shared Key" defines it: an HMAC-SHA256, keyed with the decoded account key, over
 * the verb, twelve standard headers, the {@code x-ms-} headers sorted by name, and the account plus
 * the request's encoded path and its decoded query parameters sorted by name.
 *
 * <p>Ours rather than the SDK's policy so that the hot requests need no SDK pipeline; a test checks
 * it against the SDK's {@code StorageSharedKeyCredential} for the same requests.
 */
final class SharedKeySigner {
    /** The standard headers the string to sign carries, in its order; x-ms-date stands in for Date. */
    private static final String[] STANDARD = {"content-encoding", "content-language", "content-length", "content-md5",
        "content-type", "date", "if-modified-since", "if-match", "if-none-match", "if-unmodified-since", "range"};

    private final String account;
    private final SecretKeySpec key;

    /**
     * @param account    the storage account's name
     * @param base64Key  the account key as Azure shows it; checked by the caller to be base64
     */
    SharedKeySigner(String account, String base64Key) {
        this.account = account;
        this.key = new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256");
    }

    String account() {
        return account;
    }

    /**
     * The Authorization header's value.
     *
     * @param rawPath  the URL's path as sent (percent-encoded), account segment included for an emulator
     * @param rawQuery the URL's query as sent, or null
     * @param headers  every header sent, names in lower case; Content-Length as sent (empty or "0" for none)
     */
    String authorization(String method, String rawPath, String rawQuery, Map<String, String> headers) {
        return "SharedKey " + account + ":" + hmac(stringToSign(method, rawPath, rawQuery, headers));
    }

    String stringToSign(String method, String rawPath, String rawQuery, Map<String, String> headers) {
        StringBuilder s = new StringBuilder(256).append(method).append('\n');
        for (String name : STANDARD) {
            String value = headers.getOrDefault(name, "");
            // since 2015-02-21 an empty body's length is signed as the empty string, not "0"
            if (name.equals("content-length") && value.equals("0")) {
                value = "";
            }
            s.append(value).append('\n');
        }
        new TreeMap<>(headers).forEach((name, value) -> {
            if (name.startsWith("x-ms-")) {
                s.append(name).append(':').append(value.strip()).append('\n');
            }
        });
        s.append('/').append(account).append(rawPath.isEmpty() ? "/" : rawPath);
        canonicalQuery(rawQuery).forEach((name, values) -> s.append('\n').append(name).append(':').append(values));
        return s.toString();
    }

    /** Query parameters by lower-case name, values decoded, several values of one name sorted and comma-joined. */
    private static TreeMap<String, String> canonicalQuery(String rawQuery) {
        TreeMap<String, List<String>> byName = new TreeMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                byName.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        TreeMap<String, String> out = new TreeMap<>();
        byName.forEach((name, values) -> {
            values.sort(null);
            out.put(name, String.join(",", values));
        });
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private String hmac(String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
