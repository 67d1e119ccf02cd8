package dev.converge.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.core.RemoteException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {

    @Test
    void aPolicyWhoseMaxDelayEqualsItsBaseDelayRetriesWithAConstantDelay() throws Exception {
        // RetryPolicy turns maxDelay < baseDelay into maxDelay == baseDelay; the retrier must accept that.
        for (RetryPolicy p : new RetryPolicy[] {new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1), true),
                new RetryPolicy(3, Duration.ofMillis(2), Duration.ofMillis(1), false)}) {
            AtomicInteger calls = new AtomicInteger();
            Retrier.Attempted<String> r = new Retrier(p).call(() -> {
                if (calls.incrementAndGet() < 3) {
                    throw new SocketTimeoutException("read timed out");
                }
                return "done";
            });
            assertThat(r.value()).isEqualTo("done");
            assertThat(r.attempts()).isEqualTo(3);
        }
    }

    @Test
    void theLastFaultItselfIsRethrownWithTheAttemptCount() {
        RemoteException fault = new RemoteException("503", 503, true, null);
        assertThatThrownBy(() -> new Retrier(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(4), true))
                .call(() -> {
                    throw fault;
                }))
                .isInstanceOfSatisfying(Retrier.AttemptsExhausted.class, e -> {
                    assertThat(e.attempts()).isEqualTo(2);
                    assertThat(e.last()).isSameAs(fault);
                });
    }

    @Test
    void faultsAreClassified() {
        assertThat(Faults.isTransient(new RemoteException("x", 429, true, null))).isTrue();
        assertThat(Faults.isTransient(new RemoteException("x", 403, false, null))).isFalse();
        assertThat(Faults.isTransient(new IOException("wrapped", new IOException("Connection reset by peer")))).isTrue();
        assertThat(Faults.isTransient(new IOException("No space left on device"))).isFalse();
        assertThat(RemoteException.isTransientStatus(503)).isTrue();
        assertThat(RemoteException.isTransientStatus(404)).isFalse();
        assertThat(Faults.describe(new RuntimeException(null, new IOException("disk full")))).isEqualTo("disk full");
    }
}
