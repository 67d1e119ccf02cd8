package dev.converge.files.s3;

import dev.converge.core.RemoteException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * Turns an S3 answer or a broken exchange into converge's {@link RemoteException}: the status,
 * whether the engine may retry (429, 5xx including SlowDown, timeouts and resets), and a message
 * that names the object or bucket and the S3 error code but never a credential.
 */
final class S3Errors {
    /** What a user without any S3 credentials needs to read, in place of the SDK's chain report. */
    static final String NO_CREDENTIALS = "no S3 credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
            + "or a profile (AWS_PROFILE, ~/.aws/credentials), or access_key_id/secret_access_key in the config";

    private S3Errors() {
    }

    /** The SDK's "Unable to load credentials from any of the providers in the chain …" (or one provider's). */
    static boolean isMissingCredentials(Throwable e) {
        String m = e.getMessage();
        return m != null && m.startsWith("Unable to load credentials");
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * An error answer.
     *
     * @param what         the object or bucket the request was about, as users name it
     *                     ("s3://bucket/key: upload")
     * @param code         S3's error code from the body ("NoSuchBucket", "SlowDown"), or null
     * @param bucketRegion the {@code x-amz-bucket-region} header, or null: a bucket in another
     *                     region answers 301 (or 400) with it, and the user needs to read which
     */
    static RemoteException remote(String what, int status, String code, String bucketRegion, Throwable cause) {
        return remote(what, status, code, bucketRegion, null, cause);
    }

    /**
     * An error answer that may name how long to wait ({@code Retry-After}, which S3 and compatible
     * stores may send with 503 SlowDown or 429): the engine's retry then waits that long instead of
     * its own backoff.
     */
    static RemoteException remote(String what, int status, String code, String bucketRegion, Duration retryAfter,
                                  Throwable cause) {
        String detail = RemoteException.describeStatus(status) + (code == null || code.isBlank() ? "" : " (" + code + ")");
        if (bucketRegion != null && !bucketRegion.isBlank()) {
            detail += ": the bucket is in region " + bucketRegion + "; set region = " + bucketRegion
                    + " in the config or AWS_REGION=" + bucketRegion;
        }
        boolean again = RemoteException.isTransientStatus(status);
        return new RemoteException(what + ": " + detail, status, again, again ? retryAfter : null, cause);
    }

    /**
     * A request that got no answer: timeouts and broken connections may pass (transient); an
     * interrupted one was cancelled and is not.
     */
    static RemoteException remote(String what, IOException e) {
        boolean cancelled = e instanceof InterruptedIOException && Thread.currentThread().isInterrupted();
        String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
        return new RemoteException(what + ": " + reason, 0, !cancelled, e);
    }
}
