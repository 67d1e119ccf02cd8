package dev.converge.files.s3;

import dev.converge.core.ConvergeException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * The requests that still go through the AWS SDK because they are rare and the SDK does them well:
 * creating a bucket and multipart uploads. An {@link S3Store} makes one on first need.
 */
final class SdkS3 implements AutoCloseable {
    private final S3Connection connection;
    private final S3Client s3;

    SdkS3(S3Connection connection) {
        this.connection = connection;
        this.s3 = SdkClients.client(connection);
    }

    void createBucket(String bucket, String where) throws ConvergeException {
        try {
            s3.createBucket(r -> {
                r.bucket(bucket);
                // us-east-1 is the one region that refuses to be named as a location constraint
                if (!connection.region().equals(S3Connection.DEFAULT_REGION)) {
                    r.createBucketConfiguration(c -> c.locationConstraint(connection.region()));
                }
            });
        } catch (BucketAlreadyOwnedByYouException e) {
            // created by someone else with our credentials in the meantime: what we wanted
        } catch (SdkException e) {
            throw SdkErrors.remote(where + ": create", e);
        }
    }

    MultipartWriter multipartWriter(String bucket, int partSize, int parallelism) {
        return new MultipartWriter(s3, bucket, partSize, parallelism);
    }

    @Override
    public void close() {
        s3.close();
    }
}
