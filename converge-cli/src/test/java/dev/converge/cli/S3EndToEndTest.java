package dev.converge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.files.testing.S3ProxyExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** converge files push to a real S3 server (S3Proxy on loopback), as a user runs it. */
class S3EndToEndTest {
    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();

    @TempDir
    Path cwd;
    String bucket;
    Map<String, String> env;

    @BeforeEach
    void tree() throws Exception {
        bucket = S3.newBucket();
        env = new HashMap<>(S3.environment());
        for (int i = 0; i < 30; i++) {
            Path f = cwd.resolve("src/dir" + (i % 3) + "/file" + i + ".txt");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "content of " + i);
        }
    }

    @Test
    void pushIsIncrementalAndAnIndependentClientAgrees() throws Exception {
        String to = "s3://" + bucket + "/backup";
        CliRun first = CliRun.run(cwd, env, "files", "push", "src", "--to", to, "--json");
        assertThat(first.exit).as(first.toString()).isZero();
        assertThat(new ObjectMapper().readTree(first.out).get("summary").get("uploaded").asLong()).isEqualTo(30);
        assertThat(S3.blobStore().blobExists(bucket, "backup/dir1/file1.txt")).isTrue();

        CliRun noop = CliRun.run(cwd, env, "files", "push", "src", "--to", to, "--json");
        JsonNode summary = new ObjectMapper().readTree(noop.out).get("summary");
        assertThat(summary.get("total").asLong()).isZero();
        assertThat(summary.get("unchanged").asLong()).isEqualTo(30);

        Files.writeString(cwd.resolve("src/dir1/file1.txt"), "edited");
        Files.delete(cwd.resolve("src/dir2/file2.txt"));
        CliRun change = CliRun.run(cwd, env, "files", "push", "src", "--to", to, "--delete", "--json");
        JsonNode doc = new ObjectMapper().readTree(change.out);
        assertThat(doc.get("summary").get("uploaded").asLong()).isEqualTo(1);
        assertThat(doc.get("summary").get("deleted").asLong()).isEqualTo(1);
        assertThat(S3.blobStore().blobExists(bucket, "backup/dir2/file2.txt")).isFalse();

        assumeTrue(RcloneWitnessTest.onPath("rclone"), "rclone is not installed (CI installs it)");
        assertThat(S3.rcloneCheck(cwd.resolve("src"), bucket + "/backup")).isZero();
    }

    @Test
    void aMissingBucketOrWrongSecretIsOneClearLine() {
        CliRun missing = CliRun.run(cwd, env, "files", "push", "src", "--to", "s3://no-such-bucket/x");
        assertThat(missing.exit).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err).contains("no-such-bucket").contains("does not exist").contains("--create");

        CliRun badName = CliRun.run(cwd, env, "files", "push", "src", "--to", "s3://ab/x");
        assertThat(badName.exit).as(badName.toString()).isEqualTo(2);
        assertThat(badName.err).contains("'ab' is not a valid bucket name");

        CliRun dry = CliRun.run(cwd, env, "files", "push", "src", "--to", "s3://new-bucket-dry/x", "--create", "--dry-run");
        assertThat(dry.exit).as(dry.toString()).isZero();
        assertThat(S3.blobStore().containerExists("new-bucket-dry")).as("a dry run creates nothing").isFalse();

        Map<String, String> wrong = new HashMap<>(env);
        wrong.put("AWS_SECRET_ACCESS_KEY", "definitely-wrong-secret");
        CliRun denied = CliRun.run(cwd, wrong, "files", "push", "src", "--to", "s3://" + bucket);
        assertThat(denied.exit).as(denied.toString()).isIn(1, 2);
        assertThat(denied.err).contains("403").contains(bucket).doesNotContain("definitely-wrong-secret");
    }

    @Test
    void noCredentialsAtAllIsOneShortLineAndExitTwo() throws Exception {
        // The SDK's default chain reads the process, not the environment converge is given: run only
        // where the process has no AWS credentials of its own, and point the chain's files and the
        // instance metadata service away (nothing may probe 169.254.169.254 from a test).
        for (String v : List.of("AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
            assumeTrue(System.getenv(v) == null, v + " is set in this process");
        }
        Map<String, String> none = new HashMap<>(env);
        none.remove("AWS_ACCESS_KEY_ID");
        none.remove("AWS_SECRET_ACCESS_KEY");
        none.put("AWS_EC2_METADATA_DISABLED", "true");
        Map<String, String> isolation = Map.of("aws.disableEc2Metadata", "true",
                "aws.sharedCredentialsFile", cwd.resolve("no-credentials").toString(),
                "aws.configFile", cwd.resolve("no-config").toString());
        Map<String, String> before = new HashMap<>();
        isolation.forEach((k, v) -> before.put(k, System.setProperty(k, v)));
        try {
            CliRun run = CliRun.run(cwd, none, "files", "push", "src", "--to", "s3://" + bucket + "/x");
            assertThat(run.exit).as(run.toString()).isEqualTo(2);
            assertThat(run.err.strip()).as(run.toString())
                    .startsWith("converge: no S3 credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
                    .doesNotContain("\n").doesNotContain("Provider");
            assertThat(S3.blobStore().list(bucket)).as("nothing uploaded").isEmpty();
            CliRun history = CliRun.run(cwd, none, "history", "--json");
            assertThat(history.out).as("no run recorded").doesNotContain("\"files\"");
        } finally {
            before.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }
}
