package dev.converge.core.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} value (RFC 9110, 10.2.3): a number of seconds, or an HTTP date
 * to wait until. What it yields goes into a {@code RemoteException}, whose wait the
 * {@link Retrier} takes instead of its own backoff, or into a client's own wait (the providers'
 * listing, which waits out push-back itself).
 */
public final class RetryAfterHeader {
    private RetryAfterHeader() {
    }

    /**
     * The wait the header asks for, counted from {@code now} for a date (a date already past is no
     * wait); empty when there is no header or it is neither form, so the backoff applies.
     */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.empty(); // more digits than a long: nobody means that
            }
        }
        try {
            Instant until = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
