package dev.converge.core.config;

import dev.converge.core.ConfigException;
import dev.converge.core.ConvergeException;
import dev.converge.core.UsageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves settings in the order users expect: the config file, then the environment
 * ({@code CONVERGE_} plus the key path in upper case, dots as underscores), then flags; later wins.
 * Every resolution is remembered with its origin for {@code converge config show}.
 */
public final class Settings {
    private final ConfigNode root;
    private final Function<String, String> env;
    private final Map<String, Setting<?>> resolved = Collections.synchronizedMap(new LinkedHashMap<>());

    public Settings(ConfigNode root, Function<String, String> env) {
        this.root = root == null ? ConfigNode.empty() : root;
        this.env = env;
    }

    public ConfigNode root() {
        return root;
    }

    public Function<String, String> env() {
        return env;
    }

    /** The environment variable that sets a key: files.s3.endpoint → CONVERGE_FILES_S3_ENDPOINT. */
    public static String envName(String key) {
        return "CONVERGE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * A string setting.
     *
     * @param flag      the flag's name, for the origin ("--endpoint"), or null if there is none
     * @param flagValue the flag's value when given, else null
     */
    public Setting<String> string(String key, String flag, String flagValue, String defaultValue, boolean secret)
            throws ConfigException {
        Setting<String> s;
        String fromEnv = env.apply(envName(key));
        ConfigNode node = root.at(key);
        if (flagValue != null) {
            s = new Setting<>(key, flagValue, "flag " + flag, secret);
        } else if (fromEnv != null && !fromEnv.isEmpty()) {
            s = new Setting<>(key, fromEnv, "env " + envName(key), secret);
        } else if (node != null && node.raw() != null) {
            s = new Setting<>(key, node.text(env), node.location(), secret || node.isReference());
        } else {
            s = new Setting<>(key, defaultValue, "default", secret);
        }
        if (s.secret() && s.value() != null) {
            dev.converge.core.secret.Redactor.global().register(s.value());
        }
        resolved.put(key, s);
        return s;
    }

    public Setting<Integer> integer(String key, String flag, Integer flagValue, int defaultValue, int min)
            throws ConvergeException {
        Setting<String> s = stringOrThrow(key, flag, flagValue == null ? null : String.valueOf(flagValue),
                String.valueOf(defaultValue));
        try {
            int v = Integer.parseInt(s.value().trim());
            if (v < min) {
                throw invalid(s, "must be at least " + min + ", was " + v);
            }
            Setting<Integer> out = new Setting<>(key, v, s.origin(), false);
            resolved.put(key, out);
            return out;
        } catch (NumberFormatException e) {
            throw invalid(s, "expected a whole number, was '" + s.value() + "'");
        }
    }

    public Setting<Boolean> bool(String key, String flag, Boolean flagValue, boolean defaultValue) throws ConvergeException {
        Setting<String> s = stringOrThrow(key, flag, flagValue == null ? null : String.valueOf(flagValue),
                String.valueOf(defaultValue));
        String v = s.value().trim().toLowerCase(Locale.ROOT);
        boolean b = switch (v) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(s, "expected true or false, was '" + v + "'");
        };
        Setting<Boolean> out = new Setting<>(key, b, s.origin(), false);
        resolved.put(key, out);
        return out;
    }

    public Setting<Duration> duration(String key, String flag, String flagValue, Duration defaultValue)
            throws ConvergeException {
        Setting<String> s = stringOrThrow(key, flag, flagValue, Durations.format(defaultValue));
        try {
            Setting<Duration> out = new Setting<>(key, Durations.parse(s.value()), s.origin(), false);
            resolved.put(key, out);
            return out;
        } catch (IllegalArgumentException e) {
            throw invalid(s, e.getMessage());
        }
    }

    private Setting<String> stringOrThrow(String key, String flag, String flagValue, String def) throws ConvergeException {
        return string(key, flag, flagValue, def, false);
    }

    /**
     * A bad value, named where it was written: file:line:column and key when it came from the config
     * file, else the key and its origin (an environment variable, a flag).
     */
    private UsageException invalid(Setting<?> s, String problem) {
        ConfigNode node = root.at(s.key());
        if (node != null && s.origin().equals(node.location())) {
            return new UsageException(node.error(problem).getMessage());
        }
        return new UsageException(s.key() + " (from " + s.origin() + "): " + problem);
    }

    /** Remembers a setting resolved elsewhere (a list, a path), for config show. */
    public <T> Setting<T> remember(Setting<T> setting) {
        resolved.put(setting.key(), setting);
        return setting;
    }

    /** Every setting resolved so far, in the order first asked. */
    public List<Setting<?>> resolved() {
        synchronized (resolved) {
            return new ArrayList<>(resolved.values());
        }
    }

}
