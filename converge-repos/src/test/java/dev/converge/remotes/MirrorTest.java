package dev.converge.remotes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.secret.Redactor;
import dev.converge.remotes.config.RemoteSettings;
import java.util.List;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

class MirrorTest {
    @Test
    void credentialsInAUrlNeverReachAMessageEvenWhenShort() throws Exception {
        Mirror tokenAsUser = new Mirror(RemoteSettings.discovered("a"), new URIish("https://tok9x2@git.example/r.git"), List.of());
        Mirror withPassword = new Mirror(RemoteSettings.discovered("b"), new URIish("https://alice:pw7q@git.example/r.git"), List.of());

        assertThat(Redactor.global().redact("not authorized: tok9x2")).isEqualTo("not authorized: " + Redactor.MASK);
        assertThat(Redactor.global().redact("bad password pw7q for alice")).isEqualTo("bad password " + Redactor.MASK + " for alice");
        assertThat(tokenAsUser.displayUrl()).isEqualTo("https://git.example/r.git");
        assertThat(withPassword.displayUrl()).doesNotContain("pw7q").doesNotContain("alice");
    }
}
