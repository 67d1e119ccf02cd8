package dev.converge.files.s3;

import dev.converge.core.RemoteException;
import java.io.IOException;
import java.io.InterruptedIOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Turns what the SDK throws into converge's {@link RemoteException}: the status, whether the engine
 * may retry, and a message that names the object or bucket but never a credential (the SDK's own
 * messages are not repeated for service errors, only the S3 error code).
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
     * @param what the object or bucket the request was about, as users name it
     *             ("s3://bucket/key: upload")
     */
    static RemoteException remote(String what, SdkException e) {
        if (e instanceof SdkServiceException service) {
            int status = service.statusCode();
            String code = service instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                    ? aws.awsErrorDetails().errorCode() : null;
            String detail = RemoteException.describeStatus(status) + (code == null || code.isBlank() ? "" : " (" + code + ")");
            return new RemoteException(what + ": " + detail, status, RemoteException.isTransientStatus(status), e);
        }
        boolean transientFault = isTimeoutOrIo(e);
        return new RemoteException(what + ": " + clientReason(e), 0, transientFault, e);
    }

    /** Timeouts and broken connections may pass; a missing credential or a bad request will not. */
    private static boolean isTimeoutOrIo(Throwable e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        if (e instanceof AbortedException) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException && !(t instanceof InterruptedIOException && Thread.currentThread().isInterrupted())) {
                return true;
            }
        }
        return false;
    }

    private static String clientReason(SdkException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage();
        if (root != e && root instanceof IOException) {
            message = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        }
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        if (isMissingCredentials(e)) {
            // the SDK's credential-chain message lists every provider it tried and why each failed
            return NO_CREDENTIALS;
        }
        return firstLine(message);
    }
}
