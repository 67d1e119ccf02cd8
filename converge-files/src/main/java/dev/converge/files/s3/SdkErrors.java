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
 * Turns what the SDK throws (on the rare requests that still go through it: multipart uploads,
 * creating a bucket) into converge's {@link RemoteException}, the same way {@link S3Errors} does
 * for the lean path: the status, whether the engine may retry, and a message that names the object
 * or bucket but never a credential (the SDK's own messages are not repeated for service errors,
 * only the S3 error code).
 */
final class SdkErrors {
    private SdkErrors() {
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
            return S3Errors.remote(what, status, code, null, e);
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
        if (S3Errors.isMissingCredentials(e)) {
            // the SDK's credential-chain message lists every provider it tried and why each failed
            return S3Errors.NO_CREDENTIALS;
        }
        return S3Errors.firstLine(message);
    }
}
