package dev.converge.files.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.util.EntityUtils;

/**
 * One answer of a lean store exchange (S3's, Azure's). Closing it reads what is left of the body,
 * so that its connection goes back to the pool instead of being dropped; each store adds how it
 * reads its faults.
 */
public class HttpAnswer implements Closeable {
    private final CloseableHttpResponse response;

    protected HttpAnswer(CloseableHttpResponse response) {
        this.response = response;
    }

    public final int status() {
        return response.getStatusLine().getStatusCode();
    }

    public final boolean ok() {
        return status() >= 200 && status() < 300;
    }

    /** A header's value, or null. */
    public final String header(String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    public final InputStream body() throws IOException {
        HttpEntity entity = response.getEntity();
        return entity == null ? InputStream.nullInputStream() : entity.getContent();
    }

    @Override
    public final void close() {
        try {
            EntityUtils.consume(response.getEntity());
            response.close();
        } catch (IOException e) {
            // the connection is dropped instead of reused; nothing was lost
        }
    }
}
