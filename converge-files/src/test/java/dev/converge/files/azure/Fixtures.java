package dev.converge.files.azure;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import dev.converge.core.ConvergeException;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.RemoteObject;
import dev.converge.files.store.StoreSettings;
import dev.converge.files.store.StoreTarget;
import dev.converge.files.store.Upload;
import dev.converge.files.testing.Azurite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** What the Azure tests share: stores on Azurite, files with their hashes, and an independent client. */
final class Fixtures {
    /** Small blocks, so multi-block uploads stay cheap in tests while exercising every path. */
    static final int BLOCK_SIZE = 64 * 1024;

    private Fixtures() {
    }

    static StoreSettings settings(Map<String, String> values, Map<String, String> env) {
        return settings(null, values, env);
    }

    static StoreSettings settings(String endpoint, Map<String, String> values, Map<String, String> env) {
        return new StoreSettings(endpoint, false, values, env::get);
    }

    static StoreSettings connectionStringSettings(Azurite azurite) {
        return settings(Map.of("connection_string", azurite.connectionString(), "block_size", String.valueOf(BLOCK_SIZE),
                "block_concurrency", "4"), Map.of());
    }

    static ObjectStore store(String target, StoreSettings settings) throws ConvergeException {
        return new AzureStoreProvider().create(StoreTarget.parse(target), settings);
    }

    /** A store on a fresh container that already exists. */
    static ObjectStore openStore(Azurite azurite, String container, String prefix) throws ConvergeException {
        ObjectStore store = store("azure://" + container + (prefix.isEmpty() ? "" : "/" + prefix),
                connectionStringSettings(azurite));
        store.open(true);
        return store;
    }

    /** A client built apart from converge's code, to check what converge wrote. */
    static BlobContainerClient witness(Azurite azurite, String container) {
        return new BlobContainerClientBuilder()
                .httpClient(new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
                        .version(java.net.http.HttpClient.Version.HTTP_1_1)).build())
                .connectionString(azurite.connectionString())
                .containerName(container)
                .buildClient();
    }

    static List<RemoteObject> list(ObjectStore store) throws ConvergeException {
        List<RemoteObject> all = new ArrayList<>();
        store.list(all::add);
        return all;
    }

    static Map<String, RemoteObject> listByKey(ObjectStore store) throws ConvergeException {
        Map<String, RemoteObject> byKey = new HashMap<>();
        store.list(o -> byKey.put(o.key(), o));
        return byKey;
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static Path write(Path dir, String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    /** The upload the engine would plan for the file as it is now. */
    static Upload uploadOf(Path file, String key) throws IOException {
        byte[] content = Files.readAllBytes(file);
        return new Upload(key, file, content.length, md5(content), sha256(content));
    }

    static String md5(byte[] bytes) {
        return hex("MD5", bytes);
    }

    static String sha256(byte[] bytes) {
        return hex("SHA-256", bytes);
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
