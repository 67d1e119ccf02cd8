package dev.converge.files.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@link ListPageReader} on ListObjectsV2 pages as S3 documents them (the example of the
 * ListObjectsV2 API reference), and on the forms XML allows that a compatible store might send.
 */
class ListPageReaderTest {

    /** The response example of Amazon S3's ListObjectsV2 API reference, with a second page to follow. */
    private static final String AWS_EXAMPLE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                <Name>bucket</Name>
                <Prefix/>
                <KeyCount>205</KeyCount>
                <MaxKeys>1000</MaxKeys>
                <IsTruncated>true</IsTruncated>
                <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
                <Contents>
                    <Key>my-image.jpg</Key>
                    <LastModified>2009-10-12T17:50:30.000Z</LastModified>
                    <ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag>
                    <Size>434234</Size>
                    <StorageClass>STANDARD</StorageClass>
                </Contents>
                <Contents>
                    <Key>my-third-image.jpg</Key>
                    <LastModified>2009-10-12T17:50:30Z</LastModified>
                    <ETag>"1b2cf535f27731c974343645a3985328-2"</ETag>
                    <Size>64994</Size>
                    <StorageClass>STANDARD_IA</StorageClass>
                    <Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID></Owner>
                </Contents>
            </ListBucketResult>
            """;

    @Test
    void readsTheDocumentedExample() throws IOException {
        S3Xml.Page page = read(AWS_EXAMPLE);
        assertThat(page.truncated()).isTrue();
        assertThat(page.nextToken()).isEqualTo("1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
        assertThat(page.entries()).containsExactly(
                new S3Xml.Entry("my-image.jpg", 434234, "\"fba9dede5f27731c9771645a39863328\"",
                        Instant.parse("2009-10-12T17:50:30Z")),
                new S3Xml.Entry("my-third-image.jpg", 64994, "\"1b2cf535f27731c974343645a3985328-2\"",
                        Instant.parse("2009-10-12T17:50:30Z")));
    }

    @Test
    void decodesUrlEncodedKeysOnlyWhenThePageSaysSoEvenAfterTheEntries() throws IOException {
        String body = "<ListBucketResult><Contents><Key>a+b%2Bc%C3%BC</Key><Size>1</Size></Contents>"
                + "<EncodingType>url</EncodingType><IsTruncated>false</IsTruncated></ListBucketResult>";
        assertThat(read(body).entries()).extracting(S3Xml.Entry::key).containsExactly("a b+cü");
        assertThat(read(body.replace("<EncodingType>url</EncodingType>", "")).entries())
                .extracting(S3Xml.Entry::key).containsExactly("a+b%2Bc%C3%BC");
    }

    @Test
    void readsWhatXmlAllowsBesidesThePlainForm() throws IOException {
        String body = "\uFEFF<?xml version='1.0'?><!-- a comment --><s3:ListBucketResult xmlns:s3='urn:x' a=\"1>2\">"
                + "<s3:IsTruncated> false </s3:IsTruncated><?pi data?>"
                + "<s3:Contents><s3:Key>x &amp; &lt;y&gt; &#233;&#x1F600; <![CDATA[<raw> & ]]>z<!-- c --></s3:Key>"
                + "<s3:Size>\r\n 7 \r\n</s3:Size><s3:ETag/></s3:Contents>"
                + "<s3:Contents><s3:Key>line\r\nend</s3:Key></s3:Contents>"
                + "<s3:Contents><s3:Key/></s3:Contents>"
                + "</s3:ListBucketResult>  ";
        S3Xml.Page page = read(body);
        assertThat(page.truncated()).isFalse();
        assertThat(page.entries()).extracting(S3Xml.Entry::key).containsExactly("x & <y> é😀 <raw> & z", "line\nend", "");
        assertThat(page.entries().get(0).size()).isEqualTo(7);
        assertThat(page.entries().get(0).etag()).isNull();
        assertThat(page.nextToken()).isNull();
    }

    @Test
    void aPageCutShortOrMalformedIsAnErrorNeverAShorterListing() {
        String whole = AWS_EXAMPLE;
        // every cut inside the root element must fail, wherever it falls
        int rootEnd = whole.indexOf("</ListBucketResult>") + "</ListBucketResult>".length();
        for (int cut = 0; cut < rootEnd; cut++) {
            String part = whole.substring(0, cut);
            assertThatThrownBy(() -> read(part)).as("cut at %d", cut).isInstanceOf(IOException.class);
        }
        for (String bad : new String[] {
                "<!DOCTYPE x [<!ENTITY e 'boom'>]><ListBucketResult></ListBucketResult>",
                "<ListBucketResult><Contents><Key>&e;</Key></Contents></ListBucketResult>",
                "<ListBucketResult><Contents><Key>a &amp b</Key></Contents></ListBucketResult>",
                "<ListBucketResult><Contents><Key>&#x110000;</Key></Contents></ListBucketResult>",
                "<ListBucketResult><Contents><Key>a</Size></Contents></ListBucketResult>",
                "<ListBucketResult><Contents><Key><b>a</b></Key></Contents></ListBucketResult>",
                "<ListBucketResult><Contents><Size>1</Size></Contents></ListBucketResult>",
                "<ListBucketResult><Contents><Key>a</Key><Size>one</Size></Contents></ListBucketResult>",
                "<ListBucketResult></Other>",
                "<ListBucketResult/>",
                ""}) {
            assertThatThrownBy(() -> read(bad)).as(bad).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("unreadable listing");
        }
    }

    private static S3Xml.Page read(String xml) throws IOException {
        return ListPageReader.read(xml.getBytes(StandardCharsets.UTF_8));
    }
}
