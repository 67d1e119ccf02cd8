package dev.converge.files.http;

import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * StAX as the stores' XML answers are read: with no DTD and no entity ever resolved (a store's
 * answer has no business declaring either), text coalesced, and element names matched without
 * their namespace (S3 puts one on listings and none on errors; compatible stores vary).
 */
public final class StoreXml {
    private static final XMLInputFactory FACTORY = factory();

    private StoreXml() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    public static XMLStreamReader reader(InputStream in) throws XMLStreamException {
        return FACTORY.createXMLStreamReader(in);
    }

    /**
     * The {@code <Code>} of an {@code <Error>} body (S3's and Azure's have that shape), or null when
     * the body is empty, has none, or is not XML (a proxy's HTML page): the status still says what
     * happened.
     */
    public static String errorCode(InputStream in) {
        try {
            XMLStreamReader r = reader(in);
            try {
                int depth = 0;
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        depth++;
                        if (depth == 2 && r.getLocalName().equals("Code")) {
                            String code = r.getElementText().strip();
                            return code.isEmpty() ? null : code;
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
