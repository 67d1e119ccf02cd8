package dev.converge.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.core.ExitCode;
import dev.converge.core.UsageException;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
    @Test
    void describesInWords() throws Exception {
        assertThat(CronExpression.parse("0 2 * * *").describe()).isEqualTo("at 02:00 every day");
        assertThat(CronExpression.parse("*/15 * * * *").describe()).isEqualTo("every 15 minutes");
        assertThat(CronExpression.parse("30 9 * * 1-5").describe()).isEqualTo("at 09:30 every day between Monday and Friday");
    }

    @Test
    void aBadExpressionIsAUsageErrorThatSaysWhatWasExpected() {
        for (String bad : new String[] {"0 2 * *", "61 * * * *", "0 2 * * * *", "nightly", ""}) {
            assertThatThrownBy(() -> CronExpression.parse(bad)).as(bad).isInstanceOf(UsageException.class)
                    .hasMessageContaining("bad cron expression").hasMessageContaining("expected five fields")
                    .satisfies(e -> assertThat(((UsageException) e).exitCode()).isEqualTo(ExitCode.USAGE));
        }
    }

    @Test
    void theLatestFireTimeCountsTheCurrentMinuteAndTheNextIsStrictlyLater() throws Exception {
        CronExpression daily = CronExpression.parse("0 2 * * *");
        Instant at2 = Instant.parse("2026-11-23T02:00:00Z");

        assertThat(daily.latestAtOrBefore(at2.plusSeconds(30), ZoneOffset.UTC)).contains(at2);
        assertThat(daily.latestAtOrBefore(at2.minusSeconds(1), ZoneOffset.UTC)).contains(at2.minusSeconds(86_400));
        assertThat(daily.nextAfter(at2, ZoneOffset.UTC)).contains(at2.plusSeconds(86_400));
    }
}
