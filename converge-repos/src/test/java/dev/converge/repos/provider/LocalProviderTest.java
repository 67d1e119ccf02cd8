package dev.converge.repos.provider;

import dev.converge.core.UsageException;
import dev.converge.repos.pattern.RepoPattern;
import dev.converge.repos.testing.IsolatedGit;
import dev.converge.repos.testing.Upstream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalProviderTest {
    @RegisterExtension
    final IsolatedGit git = new IsolatedGit();

    @TempDir
    Path root;

    @Test
    void listsBareAndWorkingRepositoriesByTheirPathWithoutDotGit() throws Exception {
        String head;
        try (Upstream api = Upstream.create(root.resolve("team/api.git"))) {
            head = api.head();
        }
        Upstream.create(root.resolve("team/sub/deep.git")).close();
        Git.init().setInitialBranch("main").setDirectory(root.resolve("tools/work").toFile()).call().close();
        Files.createDirectories(root.resolve("not-a-repo/empty"));

        List<HostedRepo> repos = new LocalProvider("here", root).discover(RepoPattern.parse("**")).toList();

        assertThat(repos).extracting(HostedRepo::fullPath).containsExactly("team/api", "team/sub/deep", "tools/work");
        HostedRepo api = repos.get(0);
        assertThat(api.cloneUrl().getScheme()).isEqualTo("file");
        assertThat(Path.of(api.cloneUrl())).isEqualTo(root.resolve("team/api.git").toAbsolutePath());
        assertThat(api.defaultBranch()).isEqualTo("main");
        assertThat(api.remoteVersion().value()).isEqualTo(head);
        assertThat(repos.get(2).remoteVersion()).as("a repository with no commit has no version").isNull();
    }

    @Test
    void thePatternIsMatchedAgainstTheRelativePath() throws Exception {
        Upstream.create(root.resolve("team/api.git")).close();
        Upstream.create(root.resolve("team/web.git")).close();
        Upstream.create(root.resolve("other/api.git")).close();

        assertThat(new LocalProvider("here", root).discover(RepoPattern.parse("TEAM/*")).map(HostedRepo::fullPath))
                .containsExactly("team/api", "team/web");
        assertThat(new LocalProvider("here", root).discover(RepoPattern.parse("*/api")).map(HostedRepo::fullPath))
                .containsExactly("other/api", "team/api");
    }

    @Test
    void aMissingRootIsAUsageError() {
        assertThatThrownBy(() -> new LocalProvider("here", root.resolve("nope")).discover(RepoPattern.all()))
                .isInstanceOf(UsageException.class).hasMessageContaining("is not a directory");
    }
}
