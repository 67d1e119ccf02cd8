package dev.converge.core.secret;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from anything converge prints, logs, stores or reports: every value registered
 * (tokens resolved from {@code ${env:…}}, keys from the environment) and the shapes secrets take
 * in connection strings and URLs even when nobody registered them.
 */
public final class Redactor {
    public static final String MASK = "****";
    private static final Redactor GLOBAL = new Redactor();
    private static final int MIN_SECRET_LENGTH = 4;
    private static final List<Pattern> SHAPES = List.of(
            // AccountKey=...; SharedAccessSignature=...; in Azure connection strings
            Pattern.compile("(?i)((?:AccountKey|SharedAccessSignature|SharedAccessKey|Password|Secret)=)([^;\\s\"']+)"),
            // sig= of a SAS token, X-Amz-Signature / Credential in presigned URLs, token= query values
            Pattern.compile("(?i)([?&](?:sig|x-amz-signature|x-amz-credential|x-amz-security-token|token|access_token)=)([^&\\s\"']+)"),
            // user:password@ in URLs
            Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^/\\s:@]*:)([^@\\s/]+)(@)"),
            // a token used as the whole user part (https://TOKEN@host), as some hosts accept
            Pattern.compile("(?i)(\\bhttps?://)([^/\\s:@]{16,})(@)"),
            // Authorization headers (SharedKey: Azure Storage's, account:signature)
            Pattern.compile("(?i)(authorization:\\s*(?:bearer|basic|token|sharedkey)\\s+)(\\S+)"),
            // GitHub / GitLab token formats
            Pattern.compile("()(\\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}))"));

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    /** The process-wide redactor that the CLI and the engine share. */
    public static Redactor global() {
        return GLOBAL;
    }

    /** Registers a value that must never appear in output; very short values are ignored. */
    public void register(String secret) {
        if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
            secrets.add(secret);
        }
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        for (Pattern p : SHAPES) {
            Matcher m = p.matcher(out);
            if (m.find()) {
                out = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK + (r.groupCount() >= 3 && r.group(3) != null ? r.group(3) : "")));
            }
        }
        return out;
    }
}
