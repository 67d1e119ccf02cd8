package dev.converge.files.azure;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Azure Storage connection string read as the SDK reads the settings converge supports:
 * {@code AccountName}, {@code AccountKey}, {@code SharedAccessSignature}, {@code BlobEndpoint},
 * {@code DefaultEndpointsProtocol}, {@code EndpointSuffix} and {@code UseDevelopmentStorage}
 * (with {@code DevelopmentStorageProxyUri}). Names are matched with their case, as the SDK
 * matches them; other settings (queue, table, file endpoints) are ignored: other services'.
 *
 * @param blobEndpoint the blob service URL, without a trailing slash
 * @param auth         the key or SAS it carries, or {@link AzureAuth.Anonymous} for neither
 */
record ConnectionString(String blobEndpoint, AzureAuth auth) {
    /** Azurite's and the old emulator's well-known account (public, documented by Microsoft). */
    static final String DEV_ACCOUNT = "devstoreaccount1";
    static final String DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /** Thrown for a string that cannot be used; its message never quotes the string. */
    static final class Invalid extends Exception {
        Invalid(String why) {
            super(why);
        }
    }

    static ConnectionString parse(String raw) throws Invalid {
        Map<String, String> settings = new TreeMap<>();
        for (String part : raw.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new Invalid("a part is not NAME=VALUE");
            }
            settings.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        if ("true".equalsIgnoreCase(settings.get("UseDevelopmentStorage"))) {
            String proxy = settings.get("DevelopmentStorageProxyUri");
            String base = proxy == null ? "http://127.0.0.1" : trimSlash(proxy);
            return new ConnectionString(base + ":10000/" + DEV_ACCOUNT, new AzureAuth.SharedKey(DEV_ACCOUNT, DEV_KEY));
        }
        String account = settings.get("AccountName");
        String key = settings.get("AccountKey");
        String sas = settings.get("SharedAccessSignature");
        String endpoint = settings.get("BlobEndpoint");
        if (endpoint == null) {
            if (account == null || account.isEmpty()) {
                throw new Invalid("it has neither BlobEndpoint nor AccountName");
            }
            String protocol = settings.getOrDefault("DefaultEndpointsProtocol", "https").toLowerCase(Locale.ROOT);
            String suffix = settings.getOrDefault("EndpointSuffix", "core.windows.net");
            endpoint = protocol + "://" + account + ".blob." + suffix;
        }
        AzureAuth auth;
        if (key != null) {
            if (account == null || account.isEmpty()) {
                throw new Invalid("it has an AccountKey but no AccountName");
            }
            auth = new AzureAuth.SharedKey(account, key);
        } else if (sas != null) {
            auth = new AzureAuth.Sas(sas.startsWith("?") ? sas.substring(1) : sas);
        } else {
            auth = new AzureAuth.Anonymous();
        }
        return new ConnectionString(trimSlash(endpoint), auth);
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
