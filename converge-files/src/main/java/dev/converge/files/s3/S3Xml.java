package dev.converge.files.s3;

import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the two XML documents the lean path receives: ListObjectsV2 pages (only the elements
 * converge uses, by {@link ListPageReader}; an SDK model object per entry is what made listing
 * expensive) and error bodies ({@code <Error><Code>…}, with StAX: rare, and any shape of body).
 * Element names are matched without their namespace: S3 puts its namespace on listings and none on
 * errors, and compatible stores vary.
 */
final class S3Xml {
    /** One {@code <Contents>} entry, its key decoded. */
    record Entry(String key, long size, String etag, Instant lastModified) {
    }

    /** One page's entries and what it says about the next page. */
    record Page(List<Entry> entries, boolean truncated, String nextToken) {
    }

    private static final XMLInputFactory FACTORY = factory();

    private S3Xml() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        // an S3 answer has no business declaring a DTD or entities: never resolve any
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /**
     * Reads one ListObjectsV2 page ({@link ListPageReader}). Keys are URL-decoded when the page says
     * {@code <EncodingType>url</EncodingType>}, which may come after the entries: a store that
     * ignores the {@code encoding-type=url} the request asks for sends keys as they are, and
     * decoding those would turn a '+' into a space.
     */
    static Page listPage(InputStream in) throws IOException {
        return ListPageReader.read(in.readAllBytes());
    }

    /**
     * S3's timestamps ("2026-11-23T14:15:16.000Z"), read by hand: {@link Instant#parse} took a
     * seventh of a 10,000-file no-op's sampled time. Any other ISO-8601 form goes to it still.
     */
    static Instant instant(String text) {
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

    /**
     * The {@code <Code>} of an S3 error body, or null when the body is empty or not S3's XML (a
     * proxy's HTML page): the status still says what happened.
     */
    static String errorCode(InputStream in) {
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(in);
            try {
                int depth = 0;
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        depth++;
                        if (depth == 2 && r.getLocalName().equals("Code")) {
                            return r.getElementText().strip();
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    }
                }
                return null;
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            return null;
        }
    }
}
