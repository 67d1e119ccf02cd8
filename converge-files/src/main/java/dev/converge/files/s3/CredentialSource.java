package dev.converge.files.s3;

import dev.converge.core.UsageException;

/**
 * Where a connection's keys come from: given directly (settings or environment), in which case no
 * SDK class is involved; or from the SDK's credential providers (a named profile, or the default
 * chain: profiles, SSO, web identity, container and instance roles), built on first use only, so a
 * run with keys in its environment never loads them.
 */
final class CredentialSource {
    private final S3Credentials fixed;
    private final String profile;
    private final boolean profileExplicit;
    private volatile SdkCredentialChain chain;

    private CredentialSource(S3Credentials fixed, String profile, boolean profileExplicit) {
        this.fixed = fixed;
        this.profile = profile;
        this.profileExplicit = profileExplicit;
    }

    static CredentialSource of(S3Credentials keys) {
        return new CredentialSource(keys, null, false);
    }

    /** A named profile's keys ({@code profile} setting). */
    static CredentialSource profile(String name) {
        return new CredentialSource(null, name, true);
    }

    /** The SDK's default chain; {@code envProfile} is AWS_PROFILE as converge was given it, or null. */
    static CredentialSource defaultChain(String envProfile) {
        return new CredentialSource(null, envProfile, false);
    }

    /** The keys given directly, or null when they come from the SDK's providers. */
    S3Credentials fixed() {
        return fixed;
    }

    /**
     * The current keys. Providers that hand out temporary keys cache and refresh them themselves,
     * so asking for every request is cheap.
     */
    S3Credentials resolve() throws UsageException {
        return fixed != null ? fixed : chain().resolve();
    }

    SdkCredentialChain chain() {
        SdkCredentialChain c = chain;
        if (c == null) {
            synchronized (this) {
                c = chain;
                if (c == null) {
                    c = new SdkCredentialChain(profile, profileExplicit);
                    chain = c;
                }
            }
        }
        return c;
    }
}
