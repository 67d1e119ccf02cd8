package dev.converge.files.s3;

import dev.converge.core.UsageException;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The SDK's credential providers, the only class of the lean path that touches them: loaded only
 * when no keys were given directly.
 */
final class SdkCredentialChain {
    private final AwsCredentialsProvider provider;

    SdkCredentialChain(String profile, boolean explicit) {
        if (explicit) {
            provider = ProfileCredentialsProvider.builder().profileName(profile).build();
        } else {
            // AWS_PROFILE is passed on because the chain itself reads only the process environment
            DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder();
            if (profile != null && !profile.isBlank()) {
                chain.profileName(profile);
            }
            provider = chain.build();
        }
    }

    AwsCredentialsProvider provider() {
        return provider;
    }

    /**
     * The current keys; without any, one line saying what to set, where the SDK would name every
     * provider of its chain.
     */
    S3Credentials resolve() throws UsageException {
        AwsCredentials c;
        try {
            c = provider.resolveCredentials();
        } catch (SdkClientException e) {
            if (S3Errors.isMissingCredentials(e)) {
                throw new UsageException(S3Errors.NO_CREDENTIALS);
            }
            throw new UsageException("S3 credentials could not be loaded: " + S3Errors.firstLine(e.getMessage()));
        }
        return new S3Credentials(c.accessKeyId(), c.secretAccessKey(),
                c instanceof AwsSessionCredentials s ? s.sessionToken() : null);
    }
}
