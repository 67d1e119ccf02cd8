package dev.converge.repos.host;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A host's permits: halved on push-back, earned back one at a time, and really enforced. */
class HostLimitTest {

    @Test
    void pushBackHalvesAndSuccessesEarnPermitsBackOneAtATime() {
        HostLimit limit = new HostLimits(8).forHost("github.com");

        limit.pushedBack();
        limit.pushedBack();
        assertThat(limit.limit()).isEqualTo(2);
        limit.pushedBack();
        limit.pushedBack();
        assertThat(limit.limit()).as("never below one").isEqualTo(1);

        limit.succeeded();
        assertThat(limit.limit()).isEqualTo(2);
        limit.succeeded();
        assertThat(limit.limit()).as("two successes at two permits earn the third").isEqualTo(2);
        limit.succeeded();
        assertThat(limit.limit()).isEqualTo(3);
        for (int i = 0; i < 100; i++) {
            limit.succeeded();
        }
        assertThat(limit.limit()).as("up to the ceiling, no further").isEqualTo(8);
        assertThat(limit.lowest()).isEqualTo(1);
        assertThat(limit.pushBacks()).isEqualTo(4);
    }

    @Test
    void aThirdCallerWaitsWhileTwoPermitsAreTaken() throws Exception {
        HostLimit limit = new HostLimits(2).forHost("gitlab.example.com");
        limit.acquire();
        limit.acquire();
        CountDownLatch entered = new CountDownLatch(1);
        Thread third = Thread.ofVirtual().start(() -> {
            try {
                limit.acquire();
                entered.countDown();
                limit.release();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(entered.await(300, TimeUnit.MILLISECONDS)).as("blocked while both permits are held").isFalse();
        limit.release();
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        third.join();
        limit.release();
    }

    @Test
    void hostsAreKeptApartAndFileAddressesShareOne() {
        HostLimits limits = new HostLimits(3);

        assertThat(limits.of("https://github.com/o/r.git")).isSameAs(limits.of("https://GitHub.com/o/other.git"));
        assertThat(limits.of("git@github.com:o/r.git").host()).isEqualTo("github.com");
        assertThat(limits.of("https://api.github.com/orgs/o")).isNotSameAs(limits.of("https://github.com/o/r.git"));
        assertThat(limits.of("http://127.0.0.1:8080/git/r.git").host()).isEqualTo("127.0.0.1:8080");
        assertThat(limits.of("file:///srv/git/r.git")).isSameAs(limits.of("/srv/git/other.git"));
    }
}
