package dev.converge.files.s3;

import dev.converge.files.http.StoreTimes;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one ListObjectsV2 page straight from its bytes. The page is a small, fixed shape of XML; the
 * JDK's StAX parser read it through several layers (entity scanner, symbol table, UTF-8 reader),
 * whose code a short no-op run interprets and then compiles: a visible share of a 10,000-object
 * no-op's CPU. This reads only what a listing holds: elements (namespace prefixes ignored),
 * attributes (skipped), character data with the five predefined entities and character
 * references, CDATA sections, comments and processing instructions. A DOCTYPE, an unknown entity,
 * a mismatched end tag or a document that ends before its root closes is an error: a listing cut
 * short must never pass for a complete page.
 */
final class ListPageReader {
    private final byte[] xml;
    private int at;

    private ListPageReader(byte[] xml) {
        this.xml = xml;
    }

    static S3Xml.Page read(byte[] xml) throws IOException {
        return new ListPageReader(xml).page();
    }

    private S3Xml.Page page() throws IOException {
        List<S3Xml.Entry> entries = new ArrayList<>(1000);
        boolean truncated = false;
        boolean encoded = false;
        String next = null;
        String root = nextStart(null);
        if (root == null || root.endsWith("/")) {
            throw new IOException("unreadable listing: no root element, or an empty one");
        }
        while (true) {
            String tag = nextStart(root);
            if (tag == null) {
                break; // the root's end tag
            }
            if (tag.endsWith("/")) {
                continue;
            }
            switch (localName(tag)) {
                case "Contents" -> entries.add(contents(tag));
                case "IsTruncated" -> truncated = Boolean.parseBoolean(text(tag).strip());
                case "NextContinuationToken" -> next = text(tag);
                case "EncodingType" -> encoded = "url".equalsIgnoreCase(text(tag).strip());
                default -> skip(tag); // Name, Prefix, KeyCount, CommonPrefixes…
            }
        }
        if (encoded) {
            entries.replaceAll(e -> new S3Xml.Entry(urlDecode(e.key()), e.size(), e.etag(), e.lastModified()));
        }
        return new S3Xml.Page(entries, truncated, next);
    }

    private S3Xml.Entry contents(String open) throws IOException {
        String key = null;
        long size = 0;
        String etag = null;
        java.time.Instant modified = null;
        while (true) {
            String tag = nextStart(open);
            if (tag == null) {
                break;
            }
            if (tag.endsWith("/")) {
                if (localName(tag).equals("Key")) {
                    key = "";
                }
                continue;
            }
            try {
                switch (localName(tag)) {
                    case "Key" -> key = text(tag);
                    case "Size" -> size = Long.parseLong(text(tag).strip());
                    case "ETag" -> etag = text(tag);
                    case "LastModified" -> modified = StoreTimes.iso(text(tag).strip());
                    default -> skip(tag); // Owner, StorageClass, ChecksumAlgorithm…
                }
            } catch (RuntimeException e) {
                throw new IOException("unreadable listing: " + e.getMessage(), e);
            }
        }
        if (key == null) {
            throw new IOException("unreadable listing: an entry without a Key");
        }
        return new S3Xml.Entry(key, size, etag, modified);
    }

    /**
     * Moves to the next start tag inside the element {@code parent} (null: the document) and
     * returns its name, with a trailing '/' when it is empty ({@code <a/>}); returns null at the
     * parent's end tag. Character data between elements is skipped.
     */
    private String nextStart(String parent) throws IOException {
        while (true) {
            int lt = indexOf('<', at);
            if (lt < 0) {
                if (parent == null) {
                    at = xml.length;
                    return null;
                }
                throw cut();
            }
            at = lt;
            if (skipMarkup()) {
                continue;
            }
            if (at + 1 < xml.length && xml[at + 1] == '/') {
                String name = name(at + 2);
                if (parent == null || !name.equals(parent)) {
                    throw new IOException("unreadable listing: end tag </" + name + "> where </" + parent + "> belongs");
                }
                at = close(at) + 1;
                return null;
            }
            String name = name(at + 1);
            int gt = close(at);
            at = gt + 1;
            return xml[gt - 1] == '/' ? name + "/" : name;
        }
    }

    /** The text of the element whose start tag was just read, up to its end tag. */
    private String text(String open) throws IOException {
        StringBuilder out = null;
        String first = null;
        while (true) {
            int lt = indexOf('<', at);
            if (lt < 0) {
                throw cut();
            }
            String segment = characters(at, lt);
            at = lt;
            if (startsWith("<![CDATA[")) {
                int end = find("]]>", at + 9);
                segment = segment + new String(xml, at + 9, end - at - 9, StandardCharsets.UTF_8);
                at = end + 3;
            } else if (startsWith("<!--")) {
                at = find("-->", at + 4) + 3;
            } else if (startsWith("<?")) {
                at = find("?>", at + 2) + 2;
            } else if (at + 1 < xml.length && xml[at + 1] == '/') {
                String name = name(at + 2);
                if (!name.equals(open)) {
                    throw new IOException("unreadable listing: <" + open + "> holds an element or ends with </" + name + ">");
                }
                at = close(at) + 1;
                if (out == null) {
                    return first == null ? segment : first + segment;
                }
                return out.append(segment).toString();
            } else {
                throw new IOException("unreadable listing: <" + open + "> holds an element");
            }
            if (first == null) {
                first = segment;
            } else {
                if (out == null) {
                    out = new StringBuilder(first);
                }
                out.append(segment);
            }
        }
    }

    /** Skips the element whose start tag was just read, children included. */
    private void skip(String open) throws IOException {
        while (nextStart(open) instanceof String child) {
            if (!child.endsWith("/")) {
                skip(child);
            }
        }
    }

    /** Skips a comment, processing instruction or CDATA section between elements; refuses a DOCTYPE. */
    private boolean skipMarkup() throws IOException {
        if (startsWith("<?")) {
            at = find("?>", at + 2) + 2;
            return true;
        }
        if (startsWith("<!--")) {
            at = find("-->", at + 4) + 3;
            return true;
        }
        if (startsWith("<![CDATA[")) {
            at = find("]]>", at + 9) + 3;
            return true;
        }
        if (startsWith("<!")) {
            // a DTD could declare entities: S3 never sends one, and nothing here resolves them
            throw new IOException("unreadable listing: a DOCTYPE or other declaration");
        }
        return false;
    }

    /** The element name starting at {@code from}, up to whitespace, '/' or '>'. */
    private String name(int from) throws IOException {
        int i = from;
        while (i < xml.length) {
            byte b = xml[i];
            if (b == '>' || b == '/' || b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                break;
            }
            i++;
        }
        if (i == from || i == xml.length) {
            throw i == xml.length ? cut() : new IOException("unreadable listing: a tag without a name");
        }
        return new String(xml, from, i - from, StandardCharsets.UTF_8);
    }

    /** The '>' that closes the tag starting at {@code lt}, past quoted attribute values. */
    private int close(int lt) throws IOException {
        byte quote = 0;
        for (int i = lt + 1; i < xml.length; i++) {
            byte b = xml[i];
            if (quote != 0) {
                if (b == quote) {
                    quote = 0;
                }
            } else if (b == '"' || b == '\'') {
                quote = b;
            } else if (b == '>') {
                return i;
            }
        }
        throw cut();
    }

    /** Character data from {@code from} to {@code to}: line ends normalised and references resolved, as XML says. */
    private String characters(int from, int to) throws IOException {
        String raw = new String(xml, from, to - from, StandardCharsets.UTF_8);
        if (raw.indexOf('\r') >= 0) {
            raw = raw.replace("\r\n", "\n").replace('\r', '\n');
        }
        int amp = raw.indexOf('&');
        if (amp < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (amp >= 0) {
            out.append(raw, i, amp);
            int semi = raw.indexOf(';', amp);
            if (semi < 0) {
                throw new IOException("unreadable listing: an unterminated reference");
            }
            String ref = raw.substring(amp + 1, semi);
            switch (ref) {
                case "lt" -> out.append('<');
                case "gt" -> out.append('>');
                case "amp" -> out.append('&');
                case "quot" -> out.append('"');
                case "apos" -> out.append('\'');
                default -> {
                    int c = characterReference(ref);
                    if (!Character.isValidCodePoint(c)) {
                        throw new IOException("unreadable listing: no such character &" + ref + ";");
                    }
                    out.appendCodePoint(c);
                }
            }
            i = semi + 1;
            amp = raw.indexOf('&', i);
        }
        return out.append(raw, i, raw.length()).toString();
    }

    private static int characterReference(String ref) throws IOException {
        try {
            if (ref.startsWith("#x")) {
                return Integer.parseInt(ref.substring(2), 16);
            }
            if (ref.startsWith("#")) {
                return Integer.parseInt(ref.substring(1));
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new IOException("unreadable listing: unknown reference &" + ref + ";");
    }

    private static String urlDecode(String key) {
        return key.indexOf('%') < 0 && key.indexOf('+') < 0 ? key : URLDecoder.decode(key, StandardCharsets.UTF_8);
    }

    private static String localName(String tag) {
        String name = tag.endsWith("/") ? tag.substring(0, tag.length() - 1) : tag;
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    private boolean startsWith(String markup) {
        if (at + markup.length() > xml.length) {
            return false;
        }
        for (int i = 0; i < markup.length(); i++) {
            if (xml[at + i] != markup.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(char c, int from) {
        for (int i = from; i < xml.length; i++) {
            if (xml[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private int find(String end, int from) throws IOException {
        outer:
        for (int i = from; i + end.length() <= xml.length; i++) {
            for (int j = 0; j < end.length(); j++) {
                if (xml[i + j] != end.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        throw cut();
    }

    private static IOException cut() {
        return new IOException("unreadable listing: the document ends before its root element closes");
    }
}
