package dev.converge.files.s3;

/**
 * One set of AWS keys, as the signer needs them. {@link #toString()} names the access key id only:
 * the secret and the session token never reach a message or a log.
 *
 * @param sessionToken null for long-term keys
 */
record S3Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    @Override
    public String toString() {
        return "S3Credentials[" + accessKeyId + (sessionToken == null ? "" : ", with session token") + "]";
    }
}
