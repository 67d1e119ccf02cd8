package dev.converge.files.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StoreXmlTest {
    private static String code(String body) {
        return StoreXml.errorCode(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheCodeOfS3AndAzureErrorBodies() {
        // the shapes of the S3 API reference's "Error responses" and Azure's "Status and error codes"
        assertThat(code("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchBucket</Code>"
                + "<Message>The specified bucket does not exist</Message><BucketName>b</BucketName></Error>")).isEqualTo("NoSuchBucket");
        assertThat(code("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>ContainerNotFound</Code>"
                + "<Message>The specified container does not exist.\nRequestId:1</Message></Error>")).isEqualTo("ContainerNotFound");
    }

    @Test
    void onlyTheErrorsOwnCodeCounts() {
        assertThat(code("<Error><Details><Code>Inner</Code></Details><Code>Outer</Code></Error>")).isEqualTo("Outer");
    }

    @Test
    void noCodeForEmptyHtmlOrEntityLadenBodies() {
        assertThat(code("")).isNull();
        assertThat(code("<html><body>502 Bad Gateway</body></html>")).isNull();
        assertThat(code("<Error><Code>  </Code></Error>")).isNull();
        assertThat(code("<!DOCTYPE Error [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Error><Code>&x;</Code></Error>")).isNull();
    }
}
