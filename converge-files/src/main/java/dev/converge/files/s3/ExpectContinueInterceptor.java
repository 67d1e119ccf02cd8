package dev.converge.files.s3;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Drops {@code Expect: 100-continue}, which the SDK puts on every PutObject and UploadPart, from
 * small bodies. Waiting for the server's go-ahead costs a round trip per request, which dominates
 * the time of a small file; it pays only for large bodies, where a refused request (403, 404)
 * would otherwise send megabytes for nothing.
 */
final class ExpectContinueInterceptor implements ExecutionInterceptor {
    /** Bodies up to this size go without the handshake. */
    static final long THRESHOLD = 1024 * 1024;

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        if (request.firstMatchingHeader("Expect").isEmpty()) {
            return request;
        }
        long length = context.requestBody().flatMap(b -> b.optionalContentLength()).orElse(Long.MAX_VALUE);
        return length <= THRESHOLD ? request.toBuilder().removeHeader("Expect").build() : request;
    }
}
