package dev.converge.cli.files;

import dev.converge.cli.Invocation;
import dev.converge.core.ConfigException;
import dev.converge.core.config.ConfigNode;
import java.util.ArrayList;
import java.util.List;

/** Reads list-valued settings (such as files.exclude) from the config file. */
final class ConfigLists {
    private ConfigLists() {
    }

    static List<String> strings(Invocation inv, String dottedPath) throws ConfigException {
        ConfigNode node = inv.config().at(dottedPath);
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isScalar()) {
            if (node.raw() != null) {
                out.add(node.text(inv.context().env()));
            }
            return out;
        }
        if (!node.isList()) {
            throw node.error("expected a list of patterns");
        }
        for (ConfigNode e : node.elements()) {
            out.add(e.text(inv.context().env()));
        }
        return out;
    }
}
