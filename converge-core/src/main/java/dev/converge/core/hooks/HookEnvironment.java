package dev.converge.core.hooks;

import dev.converge.core.secret.Redactor;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The environment a hook starts with: the caller's, less anything that holds a secret. A hook is a
 * user's script that may log what it sees, and converge promises tokens are never handed on.
 */
public final class HookEnvironment {
    /** Names that conventionally carry credentials, whether or not converge read them. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(TOKEN|SECRET|PASSW|CREDENTIAL|CONNECTION_STRING|_KEY|_SAS).*|.*_PAT(_.*)?");

    private HookEnvironment() {
    }

    /**
     * {@code env} without secret-looking names and without any value the {@link Redactor} would mask;
     * PATH falls back to this process's when the given environment has none, so {@code sh} finds commands.
     */
    public static Map<String, String> withoutSecrets(Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        env.forEach((name, value) -> {
            if (value != null && !SECRET_NAME.matcher(name).matches() && Redactor.global().redact(value).equals(value)) {
                out.put(name, value);
            }
        });
        if (!out.containsKey("PATH") && System.getenv("PATH") != null) {
            out.put("PATH", System.getenv("PATH"));
        }
        return out;
    }
}
