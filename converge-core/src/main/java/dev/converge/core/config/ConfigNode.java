package dev.converge.core.config;

import dev.converge.core.ConfigException;
import dev.converge.core.secret.Redactor;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML value that remembers where it was written (file, line, column, key path), so that every
 * configuration error can name the exact place. Scalars may be references to secrets,
 * {@code ${env:NAME}}, resolved on read and registered with the {@link Redactor}.
 */
public final class ConfigNode {
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private final Path file;
    private final int line;
    private final int column;
    private final String path;
    private final Map<String, ConfigNode> fields;
    private final List<ConfigNode> elements;
    private final String scalar;

    ConfigNode(Path file, int line, int column, String path, Map<String, ConfigNode> fields, List<ConfigNode> elements,
               String scalar) {
        this.file = file;
        this.line = line;
        this.column = column;
        this.path = path;
        this.fields = fields;
        this.elements = elements;
        this.scalar = scalar;
    }

    /** An empty mapping, for "no config file". */
    public static ConfigNode empty() {
        return new ConfigNode(null, 0, 0, "", new LinkedHashMap<>(), null, null);
    }

    public boolean isMap() {
        return fields != null;
    }

    public boolean isList() {
        return elements != null;
    }

    public boolean isScalar() {
        return fields == null && elements == null;
    }

    /** The key path from the root, dotted ("files.s3.endpoint"). */
    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    public Path file() {
        return file;
    }

    public int column() {
        return column;
    }

    /**
     * Two config files read as one: mappings are merged key by key, anything else in {@code over}
     * replaces what {@code under} has. Every value keeps the file and line it came from, so errors
     * and {@code config show} name the file that set it (the user's config under a repository's
     * {@code .converge.yaml}, for instance).
     */
    public static ConfigNode overlay(ConfigNode under, ConfigNode over) {
        if (under == null || !under.isMap() || over == null || !over.isMap()) {
            return over == null ? under : over;
        }
        Map<String, ConfigNode> merged = new LinkedHashMap<>(under.fields);
        over.fields.forEach((key, node) -> merged.merge(key, node, ConfigNode::overlay));
        return new ConfigNode(over.file, over.line, over.column, over.path, merged, null, null);
    }

    /** "converge.yaml:12" where this value was written. */
    public String location() {
        return (file == null ? "<config>" : file.toString()) + ":" + line;
    }

    /** The child under {@code key}, or null. */
    public ConfigNode get(String key) {
        return fields == null ? null : fields.get(key);
    }

    /** The node at a dotted path, or null. */
    public ConfigNode at(String dottedPath) {
        ConfigNode n = this;
        for (String part : dottedPath.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n;
    }

    public Map<String, ConfigNode> fields() {
        return fields == null ? Map.of() : Collections.unmodifiableMap(fields);
    }

    public List<ConfigNode> elements() {
        return elements == null ? List.of() : Collections.unmodifiableList(elements);
    }

    /** The raw text of a scalar, references unresolved (null for YAML null). */
    public String raw() {
        return scalar;
    }

    /** The scalar with {@code ${env:NAME}} references resolved from {@code env}; resolved values are secrets. */
    public String text(Function<String, String> env) throws ConfigException {
        if (!isScalar()) {
            throw error("expected a single value, found a " + (isMap() ? "mapping" : "list"));
        }
        if (scalar == null) {
            return null;
        }
        Matcher m = ENV_REF.matcher(scalar);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.apply(m.group(1));
            if (value == null) {
                throw error("environment variable " + m.group(1) + " is not set");
            }
            Redactor.global().register(value);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Registers the value of every {@code ${env:…}} reference under this node with the redactor, so a
     * secret is masked even where no command reads it; references to unset variables are skipped here
     * and reported by whichever command needs them.
     */
    public void registerSecrets(Function<String, String> env) {
        if (scalar != null) {
            Matcher m = ENV_REF.matcher(scalar);
            while (m.find()) {
                Redactor.global().register(env.apply(m.group(1)));
            }
        }
        fields().values().forEach(n -> n.registerSecrets(env));
        elements().forEach(n -> n.registerSecrets(env));
    }

    /** Whether this scalar refers to the environment, i.e. holds a secret. */
    public boolean isReference() {
        return scalar != null && ENV_REF.matcher(scalar).find();
    }

    /** Checks that this mapping uses only known keys; an unknown one is named with a suggestion. */
    public void requireKeys(Set<String> known) throws ConfigException {
        if (!isMap()) {
            if (isScalar() && scalar == null) {
                return;
            }
            throw error("expected a mapping of " + String.join(", ", known));
        }
        for (ConfigNode child : fields.values()) {
            String key = child.path.substring(child.path.lastIndexOf('.') + 1);
            if (!known.contains(key)) {
                String hint = Suggestions.closest(key, known).map(s -> "; did you mean '" + s + "'?")
                        .orElse("; known keys: " + String.join(", ", known.stream().sorted().toList()));
                throw child.error("unknown key" + hint);
            }
        }
    }

    /** A configuration error at this node. */
    public ConfigException error(String problem) {
        return new ConfigException(file, line, column, path.isEmpty() ? null : path, problem);
    }
}
