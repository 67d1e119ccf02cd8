package dev.converge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.files.testing.Azurite;
import dev.converge.files.testing.AzuriteExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** converge files push to a real Azure Blob service (Azurite on loopback), as a user runs it. */
@ExtendWith(AzuriteExtension.class)
class AzureEndToEndTest {
    /** Valid base64 of the right length, so the failure is the server's 403 and not our own key check. */
    private static final String WRONG_KEY = Base64.getEncoder()
            .encodeToString("definitely-the-wrong-account-key-for-devstoreaccount1-0123456789".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path cwd;
    Azurite azurite;
    String container;
    Map<String, String> env;

    @BeforeEach
    void tree(Azurite azurite) throws Exception {
        this.azurite = azurite;
        container = azurite.newContainerName("e2e");
        env = new HashMap<>(Map.of("AZURE_STORAGE_CONNECTION_STRING", azurite.connectionString()));
        for (int i = 0; i < 30; i++) {
            Path f = cwd.resolve("src/dir" + (i % 3) + "/file" + i + ".txt");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "content of " + i);
        }
    }

    @Test
    void pushIsIncrementalAndAnIndependentClientAgrees() throws Exception {
        String to = "azure://" + container + "/backup";
        CliRun first = CliRun.run(cwd, env, "files", "push", "src", "--to", to, "--create", "--json");
        assertThat(first.exit).as(first.toString()).isZero();
        assertThat(new ObjectMapper().readTree(first.out).get("summary").get("uploaded").asLong()).isEqualTo(30);
        assertThat(blobs().getBlobClient("backup/dir1/file1.txt").exists()).isTrue();
        assertThat(blobs().getBlobClient("backup/dir1/file1.txt").downloadContent().toString()).isEqualTo("content of 1");

        CliRun noop = CliRun.run(cwd, env, "files", "push", "src", "--to", to, "--json");
        assertThat(noop.exit).as(noop.toString()).isZero();
        JsonNode summary = new ObjectMapper().readTree(noop.out).get("summary");
        assertThat(summary.get("total").asLong()).isZero();
        assertThat(summary.get("unchanged").asLong()).isEqualTo(30);

        Files.writeString(cwd.resolve("src/dir1/file1.txt"), "edited");
        Files.delete(cwd.resolve("src/dir2/file2.txt"));
        CliRun change = CliRun.run(cwd, env, "files", "push", "src", "--to", to, "--delete", "--json");
        assertThat(change.exit).as(change.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(change.out);
        assertThat(doc.get("summary").get("uploaded").asLong()).isEqualTo(1);
        assertThat(doc.get("summary").get("deleted").asLong()).isEqualTo(1);
        assertThat(blobs().getBlobClient("backup/dir2/file2.txt").exists()).isFalse();
        assertThat(blobs().getBlobClient("backup/dir1/file1.txt").downloadContent().toString()).isEqualTo("edited");

        assumeTrue(RcloneWitnessTest.onPath("rclone"), "rclone is not installed (CI installs it)");
        String remote = "witness:" + container + "/backup";
        assertThat(rcloneCheck(cwd.resolve("src"), remote)).isZero();
        Files.writeString(cwd.resolve("src/dir0/new.txt"), "not pushed");
        assertThat(rcloneCheck(cwd.resolve("src"), remote)).as("rclone sees a file that was not pushed").isNotZero();
    }

    @Test
    void aMissingContainerOrWrongKeyIsOneClearLine() {
        String missingName = azurite.newContainerName("missing");
        CliRun missing = CliRun.run(cwd, env, "files", "push", "src", "--to", "azure://" + missingName + "/x");
        assertThat(missing.exit).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err).contains(missingName).contains("does not exist").contains("--create");
        assertThat(blobs(missingName).exists()).isFalse();

        String dryName = azurite.newContainerName("dry");
        CliRun dry = CliRun.run(cwd, env, "files", "push", "src", "--to", "azure://" + dryName + "/x", "--create", "--dry-run");
        assertThat(dry.exit).as(dry.toString()).isZero();
        assertThat(blobs(dryName).exists()).as("a dry run creates nothing").isFalse();

        blobs().create();
        Map<String, String> wrong = new HashMap<>(env);
        wrong.put("AZURE_STORAGE_CONNECTION_STRING", azurite.connectionString().replace(Azurite.KEY, WRONG_KEY));
        CliRun denied = CliRun.run(cwd, wrong, "files", "push", "src", "--to", "azure://" + container);
        assertThat(denied.exit).as(denied.toString()).isIn(1, 2);
        assertThat(denied.err).contains("403").contains(container);
        assertThat(denied.err + denied.out).doesNotContain(WRONG_KEY).doesNotContain(Azurite.KEY);
        assertThat(blobs().listBlobs()).as("nothing was written with the wrong key").isEmpty();
    }

    private BlobContainerClient blobs() {
        return blobs(container);
    }

    /** An independent client (the Azure SDK with the right key), not converge's store. */
    private BlobContainerClient blobs(String name) {
        return new BlobContainerClientBuilder().connectionString(azurite.connectionString()).containerName(name).buildClient();
    }

    /**
     * rclone check against the same Azurite, configured through its environment. rclone 1.60's
     * azureblob backend cannot take Azurite's endpoint with account and key: it makes its URL as
     * https://ACCOUNT.ENDPOINT, and use_emulator is fixed to port 10000. So the witness is given a
     * read-and-list SAS URL for the container, which it addresses as is (IP-style, account in the path).
     */
    private int rcloneCheck(Path src, String remote) throws Exception {
        String sas = blobs().generateSas(new BlobServiceSasSignatureValues(OffsetDateTime.now().plusHours(1),
                new BlobContainerSasPermission().setReadPermission(true).setListPermission(true)));
        ProcessBuilder pb = new ProcessBuilder(List.of("rclone", "check", "--config", "/dev/null",
                "--retries", "1", "--low-level-retries", "1", src.toString(), remote));
        Map<String, String> e = pb.environment();
        e.remove("AWS_CA_BUNDLE"); // rclone 1.60 fails to load a CA bundle it does not need for http
        e.put("RCLONE_CONFIG_WITNESS_TYPE", "azureblob");
        e.put("RCLONE_CONFIG_WITNESS_SAS_URL", blobs().getBlobContainerUrl() + "?" + sas);
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(out).as("rclone output").doesNotContain("ERROR : Attempt").doesNotContain("Failed to create file system");
        return p.exitValue();
    }
}
