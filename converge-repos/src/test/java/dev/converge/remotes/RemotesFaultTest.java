package dev.converge.remotes;

import org.eclipse.jgit.errors.TransportException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

/** Sorting transport failures into what a user can act on, as JGit words them. */
class RemotesFaultTest {
    @Test
    void aPortThatContainsFourOhOneIsNotAnAuthFailure() {
        Fault fault = Fault.of(new TransportException("http://127.0.0.1:40123/down/x.git: 503 Service Unavailable"));

        assertThat(fault.kind()).isEqualTo(Fault.Kind.SERVER_ERROR);
        assertThat(fault.isTransient()).isTrue();
    }

    @Test
    void refusedConnectionsAreUnreachableAndTransient() {
        Fault fault = Fault.of(new TransportException("http://127.0.0.1:9/x.git: connection failed", new ConnectException("Connection refused")));

        assertThat(fault.kind()).isEqualTo(Fault.Kind.UNREACHABLE);
        assertThat(fault.isTransient()).isTrue();
    }

    @Test
    void authFailuresAreNotRetriedAndTheirCredentialsAreMasked() {
        Fault fault = Fault.of(new TransportException("https://bot:ghp_abcdefghijklmnopqrstuvwxyz0123@example.com/r.git: not authorized"));

        assertThat(fault.kind()).isEqualTo(Fault.Kind.AUTH);
        assertThat(fault.isTransient()).isFalse();
        assertThat(fault.message()).doesNotContain("ghp_").startsWith("https://bot:****@example.com");
    }
}
