package dev.converge.cli.files;

import dev.converge.cli.Invocation;
import dev.converge.core.ConvergeException;
import dev.converge.core.config.ConfigNode;
import dev.converge.core.config.Setting;
import dev.converge.core.config.Settings;
import dev.converge.files.store.ObjectStore;
import dev.converge.files.store.ObjectStores;
import dev.converge.files.store.StoreSettings;
import dev.converge.files.store.StoreTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Source, target and connection options shared by {@code files push} and {@code files status}. */
public final class StoreOptions {
    /** Keys of the files section of the config file. */
    static final Set<String> FILES_KEYS = Set.of("concurrency", "mode", "max_delete", "exclude", "azure", "s3", "dir");
    static final Map<String, List<String>> STORE_KEYS = Map.of(
            "azure", List.of("connection_string", "account", "key", "sas", "endpoint", "block_size", "block_concurrency"),
            "s3", List.of("endpoint", "region", "access_key_id", "secret_access_key", "profile", "virtual_host", "part_size",
                    "part_concurrency"),
            "dir", List.of());
    private static final Set<String> SECRET_KEYS = Set.of("connection_string", "key", "sas", "secret_access_key");

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The local directory to push.")
    String source;

    @Option(names = "--to", required = true, paramLabel = "TARGET",
            description = "azure://CONTAINER[/PREFIX], s3://BUCKET[/PREFIX] or dir:PATH.")
    String to;

    @Option(names = "--endpoint", paramLabel = "URL", description = "Store endpoint (S3-compatible stores, Azurite); else files.<store>.endpoint or AWS_ENDPOINT_URL.")
    String endpoint;

    @Option(names = "--virtual-host", description = "S3 with --endpoint: virtual-host addressing instead of path-style.")
    boolean virtualHost;

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Skip paths matching GLOB (gitignore syntax; repeatable). A .convergeignore in SOURCE adds more.")
    List<String> excludes = List.of();

    /** Validates the files section of the config, including the store subsections' keys. */
    static void checkConfig(ConfigNode root) throws ConvergeException {
        ConfigNode files = root.get("files");
        if (files == null) {
            return;
        }
        files.requireKeys(FILES_KEYS);
        for (Map.Entry<String, List<String>> e : STORE_KEYS.entrySet()) {
            ConfigNode store = files.get(e.getKey());
            if (store != null) {
                store.requireKeys(Set.copyOf(e.getValue()));
            }
        }
    }

    /** The parsed --to; a relative dir: path is taken relative to the working directory, as a shell would. */
    StoreTarget target(Invocation inv) throws ConvergeException {
        StoreTarget t = StoreTarget.parse(to);
        if (t.scheme().equals("dir")) {
            return new StoreTarget("dir", inv.context().resolve(t.container()).toString(), "", t.raw());
        }
        return t;
    }

    /** Resolves the store's settings (file, then environment, then flags) and makes the store. */
    ObjectStore openStore(Invocation inv, StoreTarget target) throws ConvergeException {
        checkConfig(inv.config());
        Settings settings = inv.settings();
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : STORE_KEYS.get(target.scheme())) {
            if (key.equals("endpoint") || key.equals("virtual_host")) {
                continue;
            }
            Setting<String> s = settings.string("files." + target.scheme() + "." + key, null, null, null, SECRET_KEYS.contains(key));
            if (s.value() != null) {
                values.put(key, s.value());
            }
        }
        String endpointValue = null;
        boolean virtual = false;
        if (!target.scheme().equals("dir")) {
            endpointValue = settings.string("files." + target.scheme() + ".endpoint", "--endpoint", endpoint, null, false).value();
            virtual = target.scheme().equals("s3")
                    && settings.bool("files.s3.virtual_host", "--virtual-host", virtualHost ? Boolean.TRUE : null, false).value();
        }
        return ObjectStores.create(target, new StoreSettings(endpointValue, virtual, values, inv.context().env()));
    }
}
