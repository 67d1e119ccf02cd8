package dev.converge.files.azure;

/**
 * How requests to one account are authorized; nothing here is ever printed.
 */
sealed interface AzureAuth {
    /** Shared Key with the account's key: signed by us ({@link SharedKeySigner}). */
    record SharedKey(String account, String base64Key) implements AzureAuth {
        @Override
        public String toString() {
            return "SharedKey[" + account + "]";
        }
    }

    /** A SAS token: the query string ({@code sv=…&sig=…}, without '?') appended to every request. */
    record Sas(String token) implements AzureAuth {
        @Override
        public String toString() {
            return "Sas";
        }
    }

    /**
     * Entra ID through the SDK's {@code DefaultAzureCredential}: its token goes out as a Bearer
     * header on the lean path ({@link EntraToken}), so only the azure-identity classes load, and
     * only for this kind.
     */
    record Entra() implements AzureAuth {
    }

    /**
     * No credentials: a connection string with an endpoint but neither key nor SAS, which the SDK
     * reads as anonymous access (a container open to public listing).
     */
    record Anonymous() implements AzureAuth {
    }
}
