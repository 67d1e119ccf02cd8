package dev.converge.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void readsWhatInstantToStringWritesAsInstantParseDoes() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            // 1970 to 2100, with every fraction length Instant.toString produces (none, 3, 6, 9 digits)
            Instant t = Instant.ofEpochSecond(random.nextLong(4_102_444_800L), random.nextInt(1_000_000_000));
            Instant value = switch (i % 4) {
                case 0 -> t.truncatedTo(ChronoUnit.SECONDS);
                case 1 -> t.truncatedTo(ChronoUnit.MILLIS);
                case 2 -> t.truncatedTo(ChronoUnit.MICROS);
                default -> t;
            };
            String text = value.toString();
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text)).isEqualTo(value);
        }
    }

    @Test
    void otherShapesGoToInstantParse() {
        assertThat(IsoInstants.parse("2026-11-23T10:02:14.5Z")).isEqualTo(Instant.parse("2026-11-23T10:02:14.500Z"));
        assertThat(IsoInstants.parse("+12026-01-01T00:00:00Z")).isEqualTo(Instant.parse("+12026-01-01T00:00:00Z"));
        assertThatThrownBy(() -> IsoInstants.parse("2026-11-23T1x:02:14Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoInstants.parse("yesterday")).isInstanceOf(DateTimeParseException.class);
    }
}
