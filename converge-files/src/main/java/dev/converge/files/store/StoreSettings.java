package dev.converge.files.store;

import java.util.Map;
import java.util.function.Function;

/**
 * Connection settings for a store, already merged from config file, environment and flags.
 *
 * @param endpoint    an endpoint URL that overrides the provider's (S3-compatible stores, Azurite), or null
 * @param virtualHost for S3 with an endpoint: use virtual-host addressing instead of path-style
 * @param values      store-specific settings from the config file ("account", "region", "sas", …);
 *                    secret values already resolved from their {@code ${env:…}} references
 * @param env         the environment to read the providers' conventional variables from
 *                    (AZURE_STORAGE_CONNECTION_STRING, AWS_ACCESS_KEY_ID, …); a function so tests pass their own
 */
public record StoreSettings(String endpoint, boolean virtualHost, Map<String, String> values, Function<String, String> env) {
    public StoreSettings {
        values = Map.copyOf(values);
    }

    public static StoreSettings fromEnvironment() {
        return new StoreSettings(null, false, Map.of(), System::getenv);
    }

    /** A config value, else the environment variable, else null. */
    public String get(String key, String envVariable) {
        String v = values.get(key);
        if (v == null && envVariable != null) {
            v = env.apply(envVariable);
        }
        return v == null || v.isBlank() ? null : v;
    }
}
