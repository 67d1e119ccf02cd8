package dev.converge.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
    private final Redactor redactor = new Redactor();

    @Test
    void accountKeyInAConnectionString() {
        String cs = "DefaultEndpointsProtocol=https;AccountName=devlog;AccountKey=Zm9vYmFyYmF6cXV4+/==;EndpointSuffix=core.windows.net";
        String out = redactor.redact("cannot connect with " + cs);
        assertThat(out).doesNotContain("Zm9vYmFyYmF6cXV4").contains("AccountKey=****;").contains("AccountName=devlog")
                .endsWith("EndpointSuffix=core.windows.net");
    }

    @Test
    void signatureOfASasUrl() {
        String url = "https://devlog.blob.core.windows.net/notes/a.txt?sv=2022-11-02&se=2026-12-01&sp=rw&sig=abc%2Bdef%3D";
        String out = redactor.redact("PUT " + url + " failed");
        assertThat(out).doesNotContain("abc%2Bdef").contains("&sig=****").contains("sp=rw").endsWith(" failed");
        assertThat(redactor.redact("https://h/x?sig=SECRETSIG")).isEqualTo("https://h/x?sig=****");
    }

    @Test
    void passwordInAUrl() {
        String out = redactor.redact("fetch https://alice:s3cr3tT0ken@github.com/org/repo.git failed");
        assertThat(out).doesNotContain("s3cr3tT0ken").contains("https://alice:****@github.com/org/repo.git");
    }

    @Test
    void authorizationHeader() {
        String out = redactor.redact("request had Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig and failed");
        assertThat(out).doesNotContain("eyJhbGci").contains("Authorization: Bearer ****").endsWith("and failed");
        String azure = redactor.redact("Authorization: SharedKey acct:4Q0zvWQGz9pOcAVYSaMJ2Wm7pE3U0Gd8a8v3q8Y1x2k= was refused");
        assertThat(azure).doesNotContain("4Q0zvWQ").contains("Authorization: SharedKey ****");
    }

    @Test
    void githubTokens() {
        String token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
        assertThat(redactor.redact("token " + token + " rejected")).isEqualTo("token **** rejected");
        String pat = "github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz";
        assertThat(redactor.redact(pat)).doesNotContain("abcdefghijklmnop");
    }

    @Test
    void registeredSecretsWhereverTheyAppear() {
        redactor.register("plain-value-9f8e7d");
        assertThat(redactor.redact("x=plain-value-9f8e7d; again plain-value-9f8e7d"))
                .isEqualTo("x=****; again ****");
        // Too short to register safely: masking "ab" would shred ordinary text.
        redactor.register("ab");
        assertThat(redactor.redact("absent")).isEqualTo("absent");
        // A registered value is private to its redactor.
        assertThat(new Redactor().redact("plain-value-9f8e7d")).isEqualTo("plain-value-9f8e7d");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String text = "uploaded docs/a.txt (12 KiB) to s3://bucket/prefix in 3 attempts; https://example.com/x?page=2";
        assertThat(redactor.redact(text)).isEqualTo(text);
        assertThat(redactor.redact(null)).isNull();
        assertThat(redactor.redact("")).isEmpty();
    }
}
