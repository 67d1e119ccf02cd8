package dev.converge.files.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.DefaultAzureCredentialBuilder;
import dev.converge.core.ConvergeException;
import dev.converge.core.RemoteException;
import java.time.OffsetDateTime;

/**
 * Entra ID tokens for the lean path, from the SDK's {@code DefaultAzureCredential} (environment,
 * workload and managed identity, Azure CLI login, …), fetched on first need and again shortly
 * before they expire. Chosen over building the whole Blob SDK for Entra users: the credential
 * chain is the part of the SDK worth keeping (it knows every login Azure has), while the
 * requests themselves are the same as with a key, so Entra runs get the lean path's speed too.
 */
final class EntraToken {
    static final String SCOPE = "https://storage.azure.com/.default";
    /** Renew this long before expiry, so that no request goes out with a token about to lapse. */
    private static final long MARGIN_SECONDS = 300;

    private final TokenCredentialSource source;
    private TokenCredential credential;
    private AccessToken token;

    /** Where the credential comes from: the SDK's default chain in use, another in tests. */
    interface TokenCredentialSource {
        TokenCredential get();
    }

    EntraToken() {
        this(() -> new DefaultAzureCredentialBuilder().build());
    }

    EntraToken(TokenCredentialSource source) {
        this.source = source;
    }

    /** A valid token's value; never printed. */
    synchronized String token(String what) throws ConvergeException {
        if (token == null || token.getExpiresAt().isBefore(OffsetDateTime.now().plusSeconds(MARGIN_SECONDS))) {
            try {
                if (credential == null) {
                    credential = source.get();
                }
                token = credential.getTokenSync(new TokenRequestContext().addScopes(SCOPE));
            } catch (RuntimeException e) {
                // the chain's message lists every provider it tried: one line is what a user needs
                throw new RemoteException(what + " failed: no Azure credentials: set " + Connection.CONNECTION_STRING_ENV
                        + ", or " + Connection.ACCOUNT_ENV + " with " + Connection.KEY_ENV + " or "
                        + Connection.SAS_ENV + ", or log in for Entra ID (az login, managed identity, AZURE_CLIENT_ID…)",
                        401, false, null);
            }
        }
        return token.getToken();
    }
}
