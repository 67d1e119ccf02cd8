package dev.converge.remotes.queue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.converge.core.ConvergeException;
import dev.converge.core.StateStoreException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The offline queue as one JSON file (by default inside the repository's {@code .git} directory),
 * for use without a state store. Every change rewrites the file atomically (write, then rename),
 * so a crash leaves the old queue or the new one, never half of one.
 */
public final class FilePushQueue implements PushQueue {
    private static final TypeReference<List<QueuedPush>> ENTRIES = new TypeReference<>() {
    };
    private final Path file;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public FilePushQueue(Path file) {
        this.file = file;
    }

    @Override
    public synchronized List<QueuedPush> list() throws ConvergeException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<QueuedPush> entries = new ArrayList<>(json.readValue(file.toFile(), ENTRIES));
            entries.sort(Comparator.comparing(QueuedPush::queuedAt));
            return entries;
        } catch (IOException e) {
            throw new StateStoreException("cannot read the offline queue " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void put(QueuedPush entry) throws ConvergeException {
        List<QueuedPush> entries = new ArrayList<>(list());
        QueuedPush kept = entry;
        for (QueuedPush old : entries) {
            if (old.remote().equals(entry.remote()) && old.branch().equals(entry.branch())) {
                kept = new QueuedPush(entry.remote(), entry.branch(), entry.sha(), old.queuedAt(), entry.attempts(), entry.lastError());
            }
        }
        entries.removeIf(e -> e.remote().equals(entry.remote()) && e.branch().equals(entry.branch()));
        entries.add(kept);
        write(entries);
    }

    @Override
    public synchronized void remove(String remote, String branch) throws ConvergeException {
        List<QueuedPush> entries = new ArrayList<>(list());
        if (entries.removeIf(e -> e.remote().equals(remote) && e.branch().equals(branch))) {
            write(entries);
        }
    }

    @Override
    public synchronized int clear() throws ConvergeException {
        int n = list().size();
        write(List.of());
        return n;
    }

    private void write(List<QueuedPush> entries) throws ConvergeException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(temp.toFile(), entries);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StateStoreException("cannot write the offline queue " + file + ": " + e.getMessage(), e);
        }
    }
}
