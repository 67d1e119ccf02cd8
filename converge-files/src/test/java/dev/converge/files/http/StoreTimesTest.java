package dev.converge.files.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreTimesTest {
    @Test
    void isoInstantsReadByHandAgreeWithTheIsoParser() {
        for (String t : List.of("2026-11-23T14:15:16.000Z", "2026-11-23T14:15:16.789Z", "2024-02-29T23:59:59Z",
                "1970-01-01T00:00:00.000Z", "2026-11-23T14:15:16.123456Z", "2026-11-23T14:15:16+00:00")) {
            assertThat(StoreTimes.iso(t)).as(t).isEqualTo(OffsetDateTime.parse(t).toInstant());
        }
        assertThatThrownBy(() -> StoreTimes.iso("2026-02-30T00:00:00.000Z")).isInstanceOf(DateTimeException.class);
    }

    @Test
    void httpDatesReadByHandAgreeWithTheRfc1123Parser() {
        for (String t : List.of("Mon, 23 Nov 2026 14:15:16 GMT", "Thu, 29 Feb 2024 23:59:59 GMT", "Thu, 01 Jan 1970 00:00:00 GMT",
                "Sun, 31 Dec 2028 12:00:00 GMT", "Tue, 3 Jun 2008 11:05:30 GMT")) {
            assertThat(StoreTimes.httpDate(t)).as(t).isEqualTo(ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        }
        assertThat(StoreTimes.httpDate("Mon, 30 Feb 2026 00:00:00 GMT")).isNull();
        assertThat(StoreTimes.httpDate("yesterday")).isNull();
        assertThat(StoreTimes.httpDate(null)).isNull();
    }
}
