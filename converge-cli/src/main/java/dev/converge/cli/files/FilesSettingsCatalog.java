package dev.converge.cli.files;

import dev.converge.cli.Invocation;
import dev.converge.core.ConvergeException;
import dev.converge.core.config.Settings;
import java.util.List;
import java.util.Map;

/** Resolves every files setting, so {@code config show} can list them with their origins. */
public final class FilesSettingsCatalog {
    private FilesSettingsCatalog() {
    }

    public static void resolveAll(Invocation inv) throws ConvergeException {
        StoreOptions.checkConfig(inv.config());
        Settings s = inv.settings();
        s.string("files.mode", null, null, "incremental", false);
        s.integer("files.concurrency", null, null, 16, 1);
        s.string("files.max_delete", null, null, "50%", false);
        var exclude = inv.config().at("files.exclude");
        s.remember(new dev.converge.core.config.Setting<>("files.exclude", String.join(", ", ConfigLists.strings(inv, "files.exclude")),
                exclude == null ? "default" : exclude.location(), false));
        for (Map.Entry<String, List<String>> e : StoreOptions.STORE_KEYS.entrySet()) {
            for (String key : e.getValue()) {
                boolean secret = List.of("connection_string", "key", "sas", "secret_access_key").contains(key);
                s.string("files." + e.getKey() + "." + key, null, null, null, secret);
            }
        }
    }
}
