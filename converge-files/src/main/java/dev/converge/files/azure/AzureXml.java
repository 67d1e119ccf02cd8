package dev.converge.files.azure;

import dev.converge.files.http.StoreTimes;
import dev.converge.files.http.StoreXml;
import dev.converge.files.store.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
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


    private AzureXml() {
    }


    static Page listPage(InputStream in) throws IOException {
        try {
            XMLStreamReader r = StoreXml.reader(in);
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
                    case "Last-Modified" -> modified = StoreTimes.httpDate(r.getElementText().strip());
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
