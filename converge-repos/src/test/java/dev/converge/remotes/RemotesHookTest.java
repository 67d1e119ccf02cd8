package dev.converge.remotes;

import dev.converge.core.UsageException;
import dev.converge.remotes.hook.HookInstaller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemotesHookTest {
    @TempDir
    Path tmp;
    GitFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new GitFixture(tmp);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void gitRunsTheInstalledPrePushHookWhichCallsConverge() throws Exception {
        Path origin = fx.bareRemote("origin");
        Path calls = tmp.resolve("calls.txt");
        // Stands in for the converge launcher: records how the hook called it.
        Path fake = Files.writeString(tmp.resolve("fake-converge"), "#!/bin/sh\necho \"$@\" >> " + calls + "\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));

        List<Path> written = new HookInstaller(fx.work.getRepository(), fake.toString())
                .install(List.of(HookInstaller.Hook.PRE_PUSH, HookInstaller.Hook.POST_COMMIT));
        fx.git(fx.work.getRepository().getWorkTree().toPath(), "push", "-q", "origin", "main");

        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly("pre-push", "post-commit");
        assertThat(Files.readAllLines(calls)).containsExactly("remotes push --quiet");
        assertThat(fx.lsRemote(origin)).containsEntry("main", fx.headSha());
        // Installing again replaces converge's own hooks.
        new HookInstaller(fx.work.getRepository(), "converge").install(List.of(HookInstaller.Hook.PRE_PUSH));
    }

    @Test
    void aHookSomeoneElseWroteIsNeverOverwritten() throws Exception {
        Path hook = fx.work.getRepository().getDirectory().toPath().resolve("hooks/pre-push");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\nrun-my-linter\n");

        assertThatThrownBy(() -> new HookInstaller(fx.work.getRepository(), "converge").install(List.of(HookInstaller.Hook.PRE_PUSH)))
                .isInstanceOf(UsageException.class).hasMessageContaining("was not written by converge")
                .hasMessageContaining("converge remotes push --quiet");
        assertThat(Files.readString(hook)).isEqualTo("#!/bin/sh\nrun-my-linter\n");
    }
}
