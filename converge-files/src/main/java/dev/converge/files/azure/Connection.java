package dev.converge.files.azure;

import dev.converge.core.UsageException;
import dev.converge.core.secret.Redactor;
import dev.converge.files.store.StoreSettings;
import dev.converge.files.store.StoreTarget;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How to reach one container, from the credentials a user has, in the order Azure tools look for
 * them: a connection string; else account name and key; else a SAS token; else Entra ID through
 * {@code DefaultAzureCredential} (environment, managed identity, Azure CLI login, …). Nothing here
 * connects or loads the SDK.
 *
 * @param endpoint  the blob service URL ({@code https://ACCOUNT.blob.core.windows.net}, or
 *                  {@code http://127.0.0.1:10000/devstoreaccount1} for Azurite), without query or
 *                  trailing slash: safe to print
 * @param container the container's name
 * @param auth      how requests are authorized
 */
record Connection(String endpoint, String container, AzureAuth auth) {

    static final String CONNECTION_STRING_ENV = "AZURE_STORAGE_CONNECTION_STRING";
    static final String ACCOUNT_ENV = "AZURE_STORAGE_ACCOUNT";
    static final String KEY_ENV = "AZURE_STORAGE_KEY";
    static final String SAS_ENV = "AZURE_STORAGE_SAS_TOKEN";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    static Connection open(StoreTarget target, StoreSettings settings) throws UsageException {
        String endpoint = settings.endpoint();
        String account = settings.get("account", ACCOUNT_ENV);
        AzureAuth auth;
        String connectionString = settings.get("connection_string", CONNECTION_STRING_ENV);
        if (connectionString != null) {
            ConnectionString parsed;
            try {
                parsed = ConnectionString.parse(connectionString);
            } catch (ConnectionString.Invalid e) {
                // never the string itself: it may hold the key
                throw new UsageException("the Azure connection string (setting connection_string or "
                        + CONNECTION_STRING_ENV + ") is not valid: " + e.getMessage());
            }
            auth = parsed.auth();
            if (auth instanceof AzureAuth.SharedKey key) {
                requireBase64(key.base64Key(), "the AccountKey of the Azure connection string (setting connection_string or "
                        + CONNECTION_STRING_ENV + ")");
            }
            endpoint = endpoint != null ? endpoint : parsed.blobEndpoint();
        } else {
            if (endpoint == null && account == null) {
                throw new UsageException("no Azure storage account for " + describe(target) + ": set "
                        + CONNECTION_STRING_ENV + ", or " + ACCOUNT_ENV
                        + " (setting account) with a key, a SAS token or an Entra ID login, or give an endpoint");
            }
            if (endpoint == null) {
                endpoint = "https://" + account + ".blob.core.windows.net";
            }
            auth = authenticate(settings, account, endpoint);
        }
        URI uri = checkedUrl(endpoint);
        if (uri.getRawQuery() != null && (auth instanceof AzureAuth.Entra || auth instanceof AzureAuth.Anonymous)) {
            auth = new AzureAuth.Sas(uri.getRawQuery()); // a SAS URL given as the endpoint, as the SDK accepts
        }
        registerSecrets(auth);
        return new Connection(ConnectionString.trimSlash(withoutQuery(endpoint)), target.container(), auth);
    }

    /**
     * The key and the SAS as read out of a connection string or endpoint URL are secrets on their
     * own too: masked wherever they might be echoed, not only inside the string they came in.
     */
    private static void registerSecrets(AzureAuth auth) {
        if (auth instanceof AzureAuth.SharedKey key) {
            Redactor.global().register(key.base64Key());
        } else if (auth instanceof AzureAuth.Sas sas) {
            Redactor.global().register(sas.token());
            for (String parameter : sas.token().split("&")) {
                if (parameter.startsWith("sig=")) {
                    Redactor.global().register(parameter.substring(4));
                }
            }
        }
    }

    private static AzureAuth authenticate(StoreSettings settings, String account, String endpoint) throws UsageException {
        String key = settings.get("key", KEY_ENV);
        String sas = settings.get("sas", SAS_ENV);
        if (key != null) {
            String name = account != null ? account : accountOf(checkedUrl(endpoint));
            if (name == null || name.isBlank()) {
                throw new UsageException("an Azure account key is set but no account name: set " + ACCOUNT_ENV
                        + " (setting account)");
            }
            // caught here, once, rather than as a signing failure on every request
            requireBase64(key, "the Azure account key (setting key or " + KEY_ENV + ")");
            return new AzureAuth.SharedKey(name, key);
        }
        if (sas != null) {
            return new AzureAuth.Sas(sas.startsWith("?") ? sas.substring(1) : sas);
        }
        return new AzureAuth.Entra();
    }

    private static void requireBase64(String key, String what) throws UsageException {
        try {
            Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw new UsageException(what + " is not valid base64");
        }
    }

    private static URI checkedUrl(String endpoint) throws UsageException {
        try {
            URI uri = new URI(endpoint.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new UsageException("Azure endpoint '" + withoutQuery(endpoint) + "' is not a valid URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("Azure endpoint '" + withoutQuery(endpoint) + "' is not a valid URL");
        }
    }

    /**
     * The account an endpoint names, as the SDK's BlobUrlParts reads it: the first path segment of
     * an IP-style URL (an emulator's {@code http://127.0.0.1:10000/ACCOUNT}), else the first label
     * of the host name.
     */
    static String accountOf(URI endpoint) {
        String host = endpoint.getHost();
        boolean ipStyle = IPV4.matcher(host).matches() || host.startsWith("[") || host.equalsIgnoreCase("localhost");
        if (ipStyle) {
            String path = endpoint.getPath() == null ? "" : endpoint.getPath().replaceFirst("^/+", "");
            int slash = path.indexOf('/');
            return slash < 0 ? path : path.substring(0, slash);
        }
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    static String describe(StoreTarget target) {
        return "azure://" + target.container() + (target.prefix().isEmpty() ? "" : "/" + target.prefix());
    }

    /** A URL without its query string, where a SAS token would be. */
    static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
