package dev.converge.files.azure;

import dev.converge.files.store.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the two XML documents the lean Azure path receives, with StAX as they stream in: List
 * Blobs pages ({@code EnumerationResults/Blobs/Blob} with only the elements converge uses, and
 * {@code NextMarker}) and error bodies ({@code <Error><Code>…}).
 */
final class AzureXml {
    /**
     * One {@code <Blob>}: its full name (decoded where the service percent-encoded it), size, ETag
     * as listed, Content-MD5 as hex (null when the blob has none), last change, and converge's
     * SHA-256 metadata as the service returned it (null when absent).
     */
    record Entry(String name, long size, String etag, String md5Hex, Instant lastModified, String sha256) {
    }

    /** One page's blobs, and the marker for the next page (null on the last page). */
    record Page(List<Entry> entries, String nextMarker) {
    }

    private static final XMLInputFactory FACTORY = factory();

    private AzureXml() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        // an Azure answer has no business declaring a DTD or entities: never resolve any
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    static Page listPage(InputStream in) throws IOException {
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(in);
            try {
                List<Entry> entries = new ArrayList<>();
                String next = null;
                int depth = 0;
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    } else if (event == XMLStreamConstants.START_ELEMENT) {
                        depth++;
                        String name = r.getLocalName();
                        if (depth == 3 && name.equals("Blob")) {
                            entries.add(blob(r));
                            depth--;
                        } else if (depth == 2 && name.equals("NextMarker")) {
                            next = r.getElementText();
                            depth--;
                        }
                    }
                }
                return new Page(entries, next == null || next.isEmpty() ? null : next);
            } finally {
                r.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new IOException("the List Blobs answer is not the XML Azure sends: " + e.getMessage(), e);
        }
    }

    /** Reads from a {@code <Blob>} start to its end. */
    private static Entry blob(XMLStreamReader r) throws XMLStreamException, IOException {
        String name = null;
        long size = 0;
        String etag = null;
        String md5 = null;
        Instant modified = null;
        String sha256 = null;
        String section = null; // "Properties" or "Metadata" while inside one
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (depth == 1) {
                    section = null;
                }
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            depth++;
            String element = r.getLocalName();
            if (depth == 2) {
                if (element.equals("Name")) {
                    boolean encoded = "true".equalsIgnoreCase(r.getAttributeValue(null, "Encoded"));
                    String text = r.getElementText();
                    name = encoded ? percentDecode(text) : text;
                    depth--;
                } else if (element.equals("Properties") || element.equals("Metadata")) {
                    section = element;
                } else {
                    skip(r);
                    depth--;
                }
            } else if (depth == 3 && "Properties".equals(section)) {
                switch (element) {
                    case "Content-Length" -> size = Long.parseLong(r.getElementText().strip());
                    case "Etag" -> etag = r.getElementText().strip();
                    case "Content-MD5" -> md5 = md5Hex(r.getElementText().strip());
                    case "Last-Modified" -> modified = httpDate(r.getElementText().strip());
                    default -> skip(r);
                }
                depth--;
            } else if (depth == 3 && "Metadata".equals(section)) {
                String text = r.getElementText();
                if (element.equalsIgnoreCase(ObjectStore.SHA256_METADATA)) {
                    sha256 = text.strip();
                }
                depth--;
            } else {
                skip(r);
                depth--;
            }
        }
        if (name == null) {
            throw new XMLStreamException("a <Blob> without a <Name>");
        }
        return new Entry(name, size, etag, md5, modified, sha256);
    }

    /** The {@code <Code>} of an {@code <Error>} body, or null when there is none. */
    static String errorCode(InputStream in) throws IOException {
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(in);
            try {
                while (r.hasNext()) {
                    if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("Code")) {
                        String code = r.getElementText().strip();
                        return code.isEmpty() ? null : code;
                    }
                }
                return null;
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            return null; // an empty or non-XML body: the status still says what happened
        }
    }

    /** Skips from a start element to its end, nested elements included. */
    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** Content-MD5 as listed (base64) in hex; null for none or for a value that is not an MD5. */
    private static String md5Hex(String base64) {
        if (base64.isEmpty()) {
            return null;
        }
        try {
            byte[] md5 = Base64.getDecoder().decode(base64);
            return md5.length == 16 ? HexFormat.of().formatHex(md5) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    /**
     * An HTTP date as Azure writes it ("Mon, 23 Nov 2026 14:15:16 GMT"), read by hand: the
     * formatter's general parser costs a visible share of a no-op's CPU over thousands of blobs.
     * Any other form goes to that parser; null for none or one that cannot be read.
     */
    static Instant httpDate(String text) {
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
            return null; // a date converge cannot read only costs a version tag, never a decision
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

    /**
     * A name Azure percent-encoded ({@code <Name Encoded="true">}) because it holds characters XML
     * 1.0 cannot carry. Only %XX sequences are decoded: a '+' stays a '+'.
     */
    static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
