package dev.converge.files.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.core.ConfigException;
import dev.converge.core.UsageException;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.ObjectStoreProvider;
import dev.converge.files.store.StoreSettings;
import dev.converge.files.store.StoreTarget;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Settings parsing and discovery of the S3 provider; nothing here talks to a server. */
class S3StoreProviderTest {

    @Test
    void isFoundThroughTheServiceLoader() {
        assertThat(ServiceLoader.load(ObjectStoreProvider.class).stream().map(ServiceLoader.Provider::get))
                .anyMatch(p -> p.scheme().equals("s3") && p instanceof S3StoreProvider);
    }

    @Test
    void partSizeTakesBytesOrBinaryUnits() throws Exception {
        assertThat(S3StoreProvider.partSize(null)).isEqualTo(8 << 20);
        assertThat(S3StoreProvider.partSize("5242880")).isEqualTo(5 << 20);
        assertThat(S3StoreProvider.partSize("16MiB")).isEqualTo(16 << 20);
        assertThat(S3StoreProvider.partSize("16 M")).isEqualTo(16 << 20);
        assertThat(S3StoreProvider.partSize("1GiB")).isEqualTo(1 << 30);
        assertThatThrownBy(() -> S3StoreProvider.partSize("4MiB")).isInstanceOf(ConfigException.class).hasMessageContaining("5MiB");
        assertThatThrownBy(() -> S3StoreProvider.partSize("2GiB")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> S3StoreProvider.partSize("lots")).isInstanceOf(ConfigException.class).hasMessageContaining("lots");
    }

    @Test
    void largeFilesGetLargerPartsToStayWithinTenThousand() throws Exception {
        try (S3Store store = (S3Store) new S3StoreProvider().create(StoreTarget.parse("s3://bkt"), settings(Map.of()))) {
            assertThat(store.partSizeFor(1L << 30)).isEqualTo(8 << 20);
            long huge = 200L << 30; // 200 GiB: 8 MiB parts would need 25,600
            int part = store.partSizeFor(huge);
            assertThat((huge + part - 1) / part).isLessThanOrEqualTo(S3Store.MAX_PARTS);
            assertThat(part % (1 << 20)).isZero();
        }
    }

    @Test
    void describesTheTargetWithoutSecretsOrEndpoint() throws Exception {
        Map<String, String> values = Map.of("access_key_id", "AKIDEXAMPLE", "secret_access_key", "very-secret");
        try (ObjectStore store = new S3StoreProvider().create(StoreTarget.parse("s3://bucket/a/b/"), settings(values))) {
            assertThat(store.describe()).isEqualTo("s3://bucket/a/b");
        }
    }

    @Test
    void halfACredentialIsAUsageErrorThatNamesNoSecret() {
        Map<String, String> values = Map.of("secret_access_key", "very-secret");
        assertThatThrownBy(() -> new S3StoreProvider().create(StoreTarget.parse("s3://bkt"), settings(values)))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("no access key id")
                .hasMessageNotContaining("very-secret");
    }

    @Test
    void endpointMustBeAnHttpUrlAndIsRepeatedWithoutUserInfo() {
        StoreSettings ftp = new StoreSettings("ftp://host", false, Map.of(), k -> null);
        assertThatThrownBy(() -> new S3StoreProvider().create(StoreTarget.parse("s3://bkt"), ftp))
                .isInstanceOf(UsageException.class).hasMessageContaining("http");
        StoreSettings withUser = new StoreSettings("ftp://user:pw@host:9000", false, Map.of(), k -> null);
        assertThatThrownBy(() -> new S3StoreProvider().create(StoreTarget.parse("s3://bkt"), withUser))
                .isInstanceOf(UsageException.class).hasMessageNotContaining("pw");
    }

    @Test
    void regionAndEndpointComeFromTheEnvironmentGiven() throws Exception {
        Map<String, String> env = Map.of("AWS_DEFAULT_REGION", "eu-west-3", "AWS_ENDPOINT_URL", "http://127.0.0.1:9000",
                "AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "secret");
        S3Connection connection = S3Connection.resolve(new StoreSettings(null, false, Map.of(), env::get));
        assertThat(connection.region()).isEqualTo("eu-west-3");
        assertThat(connection.describeEndpoint()).isEqualTo("http://127.0.0.1:9000");
        assertThat(connection.pathStyle()).isTrue();

        S3Connection virtualHost = S3Connection.resolve(new StoreSettings(null, true, Map.of("region", "us-west-2"), env::get));
        assertThat(virtualHost.region()).isEqualTo("us-west-2");
        assertThat(virtualHost.pathStyle()).isFalse();

        S3Connection aws = S3Connection.resolve(new StoreSettings(null, false, Map.of(), Map.<String, String>of()::get));
        assertThat(aws.region()).isEqualTo("us-east-1");
        assertThat(aws.endpoint()).isNull();
        assertThat(aws.describeEndpoint()).isEqualTo("https://s3.us-east-1.amazonaws.com");
    }

    private static StoreSettings settings(Map<String, String> values) {
        return new StoreSettings("http://127.0.0.1:1", false, values, Map.<String, String>of()::get);
    }
}
