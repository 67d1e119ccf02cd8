package dev.converge.core.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterHeaderTest {
    private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

    @Test
    void secondsAndHttpDatesAsRfc9110WritesThem() {
        assertThat(RetryAfterHeader.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfterHeader.parse(" 0 ", NOW)).contains(Duration.ZERO);
        // the RFC's own example date, 30 s after now
        assertThat(RetryAfterHeader.parse("Wed, 21 Oct 2015 07:28:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfterHeader.parse("Wed, 21 Oct 2015 07:27:00 GMT", NOW)).as("already past").contains(Duration.ZERO);
    }

    @Test
    void anythingElseLeavesTheBackoffInCharge() {
        for (String v : new String[] {null, "", "  ", "-5", "1.5", "soon", "99999999999999999999", "2015-10-21T07:28:30Z"}) {
            assertThat(RetryAfterHeader.parse(v, NOW)).as(String.valueOf(v)).isEmpty();
        }
    }
}
