package dev.converge.remotes.config;

import dev.converge.core.ConfigException;
import dev.converge.core.ConvergeException;
import dev.converge.core.config.ConfigNode;
import dev.converge.core.config.Durations;
import dev.converge.core.config.Setting;
import dev.converge.core.config.Settings;
import dev.converge.core.retry.RetryPolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The remotes part of the configuration, read from the engine's {@link Settings}: the run-wide
 * keys ({@code discover}, {@code parallel}, {@code offline_queue}) resolve file &lt; environment &lt;
 * flag like every other setting; the {@code remotes} and {@code vpn} sections are checked key by
 * key, and an error names file:line:column, the key, and the key that was probably meant. Every
 * value read is remembered with its origin, so {@code converge config show} can list it.
 */
public final class RemotesConfigReader {
    private static final Set<String> REMOTE_KEYS = Set.of("priority", "branches", "force_push", "vpn");
    private static final Set<String> VPN_KEYS = Set.of("check_cmd", "connect_cmd", "disconnect_cmd", "timeout");

    private final Settings settings;
    private final Function<String, String> env;

    private RemotesConfigReader(Settings settings) {
        this.settings = settings;
        this.env = settings.env();
    }

    /**
     * Reads the remotes configuration.
     *
     * @param settings the invocation's settings over the merged config (the user's file under the repository's)
     * @throws ConvergeException naming file, line, column and key of the first problem
     */
    public static RemotesConfig read(Settings settings) throws ConvergeException {
        return new RemotesConfigReader(settings).read(RetryPolicy.resolve(settings));
    }

    private RemotesConfig read(RetryPolicy retry) throws ConvergeException {
        Map<String, VpnSettings> vpns = new LinkedHashMap<>();
        for (ConfigNode node : sections("vpn")) {
            vpns.put(name(node), vpn(node));
        }
        Map<String, RemoteSettings> remotes = new LinkedHashMap<>();
        for (ConfigNode node : sections("remotes")) {
            RemoteSettings remote = remote(node, vpns);
            remotes.put(remote.name(), remote);
        }
        RemotesConfig d = RemotesConfig.DEFAULT;
        return new RemotesConfig(remotes, vpns,
                settings.bool("discover", null, null, d.discover()).value(),
                settings.bool("parallel", null, null, d.parallel()).value(),
                settings.bool("offline_queue", null, null, d.offlineQueue()).value(),
                retry);
    }

    /** The entries of a section that maps names to settings ({@code remotes}, {@code vpn}). */
    private List<ConfigNode> sections(String key) throws ConfigException {
        ConfigNode section = settings.root().get(key);
        if (section == null || (section.isScalar() && section.raw() == null)) {
            return List.of();
        }
        if (!section.isMap()) {
            throw section.error("expected a mapping of names to settings");
        }
        return new ArrayList<>(section.fields().values());
    }

    private RemoteSettings remote(ConfigNode node, Map<String, VpnSettings> vpns) throws ConvergeException {
        String name = name(node);
        String key = "remotes." + name;
        node.requireKeys(REMOTE_KEYS);
        int priority = priority(node.get("priority"), key);
        List<BranchGlob> globs = branches(node.get("branches"), key);
        ForcePush forcePush = forcePush(node.get("force_push"), key);
        ConfigNode vpnNode = node.get("vpn");
        String vpn = vpnNode == null ? null : vpnNode.text(env);
        if (vpn != null && !vpns.containsKey(vpn)) {
            throw vpnNode.error("vpn '" + vpn + "' is not defined"
                    + (vpns.isEmpty() ? " (there is no vpn section)" : "; defined: " + String.join(", ", vpns.keySet())));
        }
        remember(key + ".vpn", vpn == null ? "" : vpn, vpnNode);
        return new RemoteSettings(name, priority, globs, forcePush, vpn, true);
    }

    private int priority(ConfigNode node, String key) throws ConvergeException {
        int priority = RemoteSettings.DISCOVERED_PRIORITY;
        if (node != null && node.raw() != null) {
            try {
                priority = Integer.parseInt(node.text(env).trim());
            } catch (NumberFormatException e) {
                throw node.error("expected a whole number, was '" + node.raw() + "'");
            }
        }
        remember(key + ".priority", priority, node);
        return priority;
    }

    private List<BranchGlob> branches(ConfigNode node, String key) throws ConvergeException {
        List<BranchGlob> globs = new ArrayList<>();
        if (node == null || (node.isScalar() && node.raw() == null)) {
            globs.add(BranchGlob.ALL);
        } else if (node.isScalar()) {
            globs.add(glob(node));
        } else if (node.isList()) {
            for (ConfigNode element : node.elements()) {
                globs.add(glob(element));
            }
        } else {
            throw node.error("expected a list of branch names or globs");
        }
        remember(key + ".branches", String.join(", ", globs.stream().map(BranchGlob::text).toList()), node);
        return globs;
    }

    private BranchGlob glob(ConfigNode node) throws ConvergeException {
        String text = node.isScalar() ? node.text(env) : null;
        if (text == null || text.isBlank()) {
            throw node.error("expected a branch name or glob");
        }
        return new BranchGlob(text, node.file() + ":" + node.line() + ":" + node.column(), node.path());
    }

    private ForcePush forcePush(ConfigNode node, String key) throws ConvergeException {
        ForcePush forcePush = ForcePush.BLOCK;
        if (node != null && node.raw() != null) {
            forcePush = node.isScalar() ? ForcePush.parse(node.text(env)) : null;
            if (forcePush == null) {
                throw node.error("'" + node.raw() + "' is not one of block, warn, allow");
            }
        } else if (node != null && !node.isScalar()) {
            throw node.error("expected one of block, warn, allow");
        }
        remember(key + ".force_push", forcePush.label(), node);
        return forcePush;
    }

    private VpnSettings vpn(ConfigNode node) throws ConvergeException {
        if (!node.isMap()) {
            throw node.error("expected check_cmd, connect_cmd, disconnect_cmd and timeout");
        }
        node.requireKeys(VPN_KEYS);
        String connect = text(node, "connect_cmd");
        if (connect.isBlank()) {
            throw node.error("connect_cmd is required");
        }
        Duration timeout = VpnSettings.DEFAULT_TIMEOUT;
        ConfigNode t = node.get("timeout");
        if (t != null && t.raw() != null) {
            try {
                timeout = Durations.parse(t.text(env));
            } catch (IllegalArgumentException e) {
                throw t.error(e.getMessage());
            }
        }
        return new VpnSettings(name(node), text(node, "check_cmd"), connect, text(node, "disconnect_cmd"), timeout);
    }

    private String text(ConfigNode container, String key) throws ConvergeException {
        ConfigNode n = container.get(key);
        String value = n == null ? null : n.text(env);
        return value == null ? "" : value;
    }

    private <T> void remember(String key, T value, ConfigNode node) {
        settings.remember(new Setting<>(key, value, node == null || (node.isScalar() && node.raw() == null) ? "default" : node.location(), false));
    }

    /** The name a node is listed under: the last part of its key path. */
    private static String name(ConfigNode node) {
        return node.path().substring(node.path().indexOf('.') + 1);
    }
}
