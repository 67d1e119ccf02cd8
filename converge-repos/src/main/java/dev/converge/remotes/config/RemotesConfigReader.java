package dev.converge.remotes.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.converge.core.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the remotes configuration from YAML files: the user's config first, then the
 * repository's {@code .converge.yaml}, the later file winning key by key. Keys other kinds own
 * are left alone; inside {@code remotes}, {@code vpn} and {@code retry} every key is checked, and an
 * error names file:line:column, the key, and the key that was probably meant.
 */
public final class RemotesConfigReader {
    private static final Set<String> REMOTE_KEYS = Set.of("priority", "branches", "force_push", "vpn");
    private static final Set<String> VPN_KEYS = Set.of("check_cmd", "connect_cmd", "disconnect_cmd", "timeout");
    private static final Set<String> RETRY_KEYS = Set.of("attempts", "base_delay", "max_delay", "jitter");
    private static final List<String> ENV_KEYS = List.of("discover", "parallel", "offline_queue", "retry.attempts",
            "retry.base_delay", "retry.max_delay", "retry.jitter");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    /** JSON pointer of every key read so far, to where it was last written. */
    private final Map<String, Where> locations = new HashMap<>();

    private record Where(Path file, int line, int column) {
        String text() {
            return file + ":" + line;
        }
    }

    /**
     * Reads and merges the given files, in order, skipping any that does not exist.
     *
     * @throws ConfigException naming file, line, column and key of the first problem
     */
    public static RemotesConfig read(Path... files) throws ConfigException {
        return new RemotesConfigReader().readAll(name -> null, files);
    }

    /**
     * Reads and merges the files, then lets the environment override the run-wide keys, named as
     * everywhere in converge: {@code CONVERGE_} and the key path in upper case
     * ({@code CONVERGE_PARALLEL}, {@code CONVERGE_OFFLINE_QUEUE}, {@code CONVERGE_RETRY_ATTEMPTS}).
     */
    public static RemotesConfig read(Function<String, String> env, Path... files) throws ConfigException {
        return new RemotesConfigReader().readAll(env, files);
    }

    private RemotesConfig readAll(Function<String, String> env, Path... files) throws ConfigException {
        ObjectNode merged = yaml.createObjectNode();
        for (Path file : files) {
            if (file != null && Files.isRegularFile(file)) {
                merge(merged, parse(file));
            }
        }
        applyEnvironment(merged, env);
        return interpret(merged);
    }

    private void applyEnvironment(ObjectNode root, Function<String, String> env) throws ConfigException {
        for (String key : ENV_KEYS) {
            String name = "CONVERGE_" + key.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
            String value = env.apply(name);
            if (value == null || value.isBlank()) {
                continue;
            }
            JsonNode parsed;
            try {
                parsed = yaml.readTree(value);
            } catch (JsonProcessingException e) {
                throw new ConfigException(name + ": not a value: " + value);
            }
            ObjectNode parent = root;
            String[] path = key.split("\\.");
            for (int i = 0; i < path.length - 1; i++) {
                parent = parent.get(path[i]) instanceof ObjectNode o ? o : parent.putObject(path[i]);
            }
            parent.set(path[path.length - 1], parsed);
            locations.put("/" + key.replace('.', '/'), new Where(Path.of("env " + name), 0, 0));
        }
    }

    private JsonNode parse(Path file) throws ConfigException {
        try {
            String text = Files.readString(file);
            try (JsonParser p = yaml.getFactory().createParser(text)) {
                if (p.nextToken() != null) {
                    index(p, "", file);
                }
            }
            JsonNode node = yaml.readTree(text);
            if (node == null || node.isMissingNode() || node.isNull()) {
                return yaml.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(file, 1, 1, null, "expected a mapping at the top level");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new ConfigException(file, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), null,
                    "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Walks the token stream once to learn where each key was written; the tree itself keeps no locations. */
    private void index(JsonParser p, String pointer, Path file) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String child = pointer + "/" + p.currentName();
                JsonLocation l = p.currentTokenLocation();
                locations.put(child, new Where(file, l.getLineNr(), l.getColumnNr()));
                p.nextToken();
                index(p, child, file);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String child = pointer + "/" + i++;
                JsonLocation l = p.currentTokenLocation();
                locations.put(child, new Where(file, l.getLineNr(), l.getColumnNr()));
                index(p, child, file);
            }
        }
    }

    private static void merge(ObjectNode into, JsonNode from) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = into.get(field.getKey());
            if (existing instanceof ObjectNode target && field.getValue().isObject()) {
                merge(target, field.getValue());
            } else {
                into.set(field.getKey(), field.getValue());
            }
        }
    }

    private RemotesConfig interpret(JsonNode root) throws ConfigException {
        Map<String, VpnSettings> vpns = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entries(root, "/vpn")) {
            vpns.put(e.getKey(), vpn(e.getKey(), e.getValue()));
        }
        Map<String, RemoteSettings> remotes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entries(root, "/remotes")) {
            RemoteSettings remote = remote(e.getKey(), e.getValue());
            if (remote.vpn() != null && !vpns.containsKey(remote.vpn())) {
                throw error("/remotes/" + remote.name() + "/vpn", "vpn '" + remote.vpn() + "' is not defined"
                        + (vpns.isEmpty() ? " (there is no vpn section)" : "; defined: " + String.join(", ", vpns.keySet())));
            }
            remotes.put(remote.name(), remote);
        }
        RemotesConfig defaults = RemotesConfig.DEFAULT;
        return new RemotesConfig(remotes, vpns,
                bool(root, "", "discover", defaults.discover()),
                bool(root, "", "parallel", defaults.parallel()),
                bool(root, "", "offline_queue", defaults.offlineQueue()),
                retry(root.get("retry")));
    }

    private List<Map.Entry<String, JsonNode>> entries(JsonNode root, String pointer) throws ConfigException {
        JsonNode section = root.at(pointer);
        if (section.isMissingNode() || section.isNull()) {
            return List.of();
        }
        if (!section.isObject()) {
            throw error(pointer, "expected a mapping of names to settings");
        }
        return new ArrayList<>(section.properties());
    }

    private RemoteSettings remote(String name, JsonNode node) throws ConfigException {
        String at = "/remotes/" + name;
        if (node.isNull()) {
            return new RemoteSettings(name, RemoteSettings.DISCOVERED_PRIORITY, List.of(BranchGlob.ALL), ForcePush.BLOCK, null, true);
        }
        checkKeys(node, at, REMOTE_KEYS);
        int priority = integer(node, at, "priority", RemoteSettings.DISCOVERED_PRIORITY);
        List<BranchGlob> globs = new ArrayList<>();
        JsonNode branches = node.get("branches");
        if (branches == null || branches.isNull()) {
            globs.add(BranchGlob.ALL);
        } else if (branches.isTextual()) {
            globs.add(new BranchGlob(branches.asText(), whereText(at + "/branches")));
        } else if (branches.isArray()) {
            for (int i = 0; i < branches.size(); i++) {
                JsonNode b = branches.get(i);
                if (!b.isTextual() || b.asText().isBlank()) {
                    throw error(at + "/branches/" + i, "expected a branch name or glob");
                }
                globs.add(new BranchGlob(b.asText(), whereText(at + "/branches/" + i)));
            }
        } else {
            throw error(at + "/branches", "expected a list of branch names or globs");
        }
        ForcePush forcePush = ForcePush.BLOCK;
        JsonNode fp = node.get("force_push");
        if (fp != null && !fp.isNull()) {
            forcePush = ForcePush.parse(fp.asText());
            if (forcePush == null || !fp.isTextual()) {
                throw error(at + "/force_push", "'" + fp.asText() + "' is not one of block, warn, allow");
            }
        }
        JsonNode vpn = node.get("vpn");
        String vpnName = vpn == null || vpn.isNull() ? null : vpn.asText();
        return new RemoteSettings(name, priority, globs, forcePush, vpnName, true);
    }

    private VpnSettings vpn(String name, JsonNode node) throws ConfigException {
        String at = "/vpn/" + name;
        if (!node.isObject()) {
            throw error(at, "expected check_cmd, connect_cmd, disconnect_cmd and timeout");
        }
        checkKeys(node, at, VPN_KEYS);
        String connect = text(node, "connect_cmd");
        if (connect.isBlank()) {
            throw error(at, "connect_cmd is required");
        }
        return new VpnSettings(name, text(node, "check_cmd"), connect, text(node, "disconnect_cmd"),
                duration(node, at, "timeout", VpnSettings.DEFAULT_TIMEOUT));
    }

    private RetrySettings retry(JsonNode node) throws ConfigException {
        RetrySettings d = RetrySettings.DEFAULT;
        if (node == null || node.isNull()) {
            return d;
        }
        checkKeys(node, "/retry", RETRY_KEYS);
        int attempts = integer(node, "/retry", "attempts", d.attempts());
        if (attempts < 1) {
            throw error("/retry/attempts", "must be at least 1");
        }
        return new RetrySettings(attempts, duration(node, "/retry", "base_delay", d.baseDelay()),
                duration(node, "/retry", "max_delay", d.maxDelay()), bool(node, "/retry", "jitter", d.jitter()));
    }

    private void checkKeys(JsonNode node, String at, Set<String> known) throws ConfigException {
        if (!node.isObject()) {
            throw error(at, "expected a mapping with keys " + String.join(", ", known.stream().sorted().toList()));
        }
        for (String key : (Iterable<String>) node::fieldNames) {
            if (!known.contains(key)) {
                String hint = Suggestions.closest(key, known);
                throw error(at + "/" + key, "unknown key '" + key + "'" + (hint == null ? "" : "; did you mean '" + hint + "'?"));
            }
        }
    }

    private int integer(JsonNode container, String at, String key, int fallback) throws ConfigException {
        String pointer = at + "/" + key;
        JsonNode n = container.path(key);
        if (n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw error(pointer, "expected a whole number, got '" + n.asText() + "'");
        }
        return n.asInt();
    }

    private boolean bool(JsonNode container, String at, String key, boolean fallback) throws ConfigException {
        String pointer = at + "/" + key;
        JsonNode n = container.path(key);
        if (n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw error(pointer, "expected true or false, got '" + n.asText() + "'");
        }
        return n.asBoolean();
    }

    private Duration duration(JsonNode container, String at, String key, Duration fallback) throws ConfigException {
        String pointer = at + "/" + key;
        JsonNode n = container.path(key);
        if (n.isMissingNode() || n.isNull()) {
            return fallback;
        }
        Matcher m = DURATION.matcher(n.asText().trim());
        if (!m.matches()) {
            throw error(pointer, "expected a duration like 500ms, 30s, 2m; got '" + n.asText() + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static String text(JsonNode node, String key) {
        JsonNode n = node.get(key);
        return n == null || n.isNull() ? "" : n.asText();
    }

    private String whereText(String pointer) {
        Where w = locations.get(pointer);
        return w == null ? "" : w.text();
    }

    private ConfigException error(String pointer, String problem) {
        Where w = locations.get(pointer);
        String key = pointer.substring(1).replace('/', '.');
        return w == null
                ? new ConfigException(key + ": " + problem)
                : new ConfigException(w.file(), w.line(), w.column(), key, problem);
    }
}
