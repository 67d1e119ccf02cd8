package dev.converge.files.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The timestamps stores send with every listed object, read by hand in their usual forms: the JDK's
 * general parsers took a visible share of a no-op's CPU over thousands of objects (a seventh of the
 * samples for {@link Instant#parse} on S3). Any other form goes to those parsers still.
 */
public final class StoreTimes {
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private StoreTimes() {
    }

    /**
     * An ISO-8601 instant as S3 writes it ("2026-11-23T14:15:16.000Z").
     *
     * @throws DateTimeException when the text is no instant at all
     */
    public static Instant iso(String text) {
        int n = text.length();
        if ((n == 20 || n == 24 && text.charAt(19) == '.') && text.charAt(n - 1) == 'Z' && text.charAt(4) == '-'
                && text.charAt(7) == '-' && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':') {
            try {
                long day = LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10)).toEpochDay();
                int hour = digits(text, 11, 13);
                int minute = digits(text, 14, 16);
                int second = digits(text, 17, 19);
                int millis = n == 24 ? digits(text, 20, 23) : 0;
                if (hour < 24 && minute < 60 && second < 60) {
                    return Instant.ofEpochSecond(day * 86_400 + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
                }
            } catch (DateTimeException | NumberFormatException e) {
                // not the usual form after all: the full parser decides
            }
        }
        return Instant.parse(text);
    }

    /**
     * An HTTP date as Azure writes it ("Mon, 23 Nov 2026 14:15:16 GMT"); null for none or one that
     * cannot be read, since such a date only costs a version tag, never a decision.
     */
    public static Instant httpDate(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() == 29 && text.charAt(3) == ',' && text.charAt(16) == ' ' && text.charAt(19) == ':'
                && text.charAt(22) == ':' && text.endsWith(" GMT")) {
            int month = MONTHS.indexOf(text.substring(8, 11));
            try {
                if (month >= 0 && month % 3 == 0) {
                    long day = LocalDate.of(digits(text, 12, 16), month / 3 + 1, digits(text, 5, 7)).toEpochDay();
                    int hour = digits(text, 17, 19);
                    int minute = digits(text, 20, 22);
                    int second = digits(text, 23, 25);
                    if (hour < 24 && minute < 60 && second < 60) {
                        return Instant.ofEpochSecond(day * 86_400 + hour * 3_600L + minute * 60L + second);
                    }
                }
            } catch (DateTimeException | NumberFormatException e) {
                // not the usual form after all: the full parser decides
            }
        }
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
