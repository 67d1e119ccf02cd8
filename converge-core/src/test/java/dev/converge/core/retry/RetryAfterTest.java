package dev.converge.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.core.RemoteException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    @Test
    void retryAfterFromTheServerIsWaitedInsteadOfTheBackoff() throws Exception {
        // Backoff of 1 ms, but the server asks for 300 ms: the second attempt must not come sooner.
        Retrier retrier = new Retrier(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(5), false));
        AtomicInteger calls = new AtomicInteger();
        long[] at = new long[2];
        var result = retrier.call(() -> {
            at[calls.get()] = System.nanoTime();
            if (calls.incrementAndGet() == 1) {
                throw new RemoteException("429", 429, true, Duration.ofMillis(300), null);
            }
            return "ok";
        });
        assertThat(result.value()).isEqualTo("ok");
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(Duration.ofNanos(at[1] - at[0])).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void permanentFaultsAreNotRetried() {
        Retrier retrier = new Retrier(new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(2), true));
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retrier.call(() -> {
            calls.incrementAndGet();
            throw new RemoteException("403", 403, false, null);
        })).isInstanceOfSatisfying(Retrier.AttemptsExhausted.class, e -> assertThat(e.attempts()).isEqualTo(1));
        assertThat(calls).hasValue(1);
    }
}
