package dev.converge.remotes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A pack written once and read as often as there are mirrors to send it to: in memory while it is
 * small (a push of new commits), in a temporary file past {@link #IN_MEMORY} bytes (a first push of a
 * large history), which {@link #close} deletes.
 */
final class PackSpool extends OutputStream implements SmartHttp.Body {
    static final int IN_MEMORY = 32 << 20;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream fileOut;
    private long length;

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (fileOut == null && memory.size() + (long) len > IN_MEMORY) {
            file = Files.createTempFile("converge-pack-", ".pack");
            fileOut = Files.newOutputStream(file);
            memory.writeTo(fileOut);
            memory = null;
        }
        if (fileOut != null) {
            fileOut.write(b, off, len);
        } else {
            memory.write(b, off, len);
        }
        length += len;
    }

    /** Done writing: from now on it is only read. */
    void finish() throws IOException {
        if (fileOut != null) {
            fileOut.close();
            fileOut = null;
        }
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        if (file != null) {
            Files.copy(file, out);
        } else {
            memory.writeTo(out);
        }
    }

    @Override
    public void close() throws IOException {
        finish();
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
