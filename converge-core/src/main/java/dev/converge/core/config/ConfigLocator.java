package dev.converge.core.config;

import dev.converge.core.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** Finds the config file and the state file in the places users expect (XDG base directories). */
public final class ConfigLocator {
    private final Function<String, String> env;
    private final Path workingDirectory;

    public ConfigLocator(Function<String, String> env, Path workingDirectory) {
        this.env = env;
        this.workingDirectory = workingDirectory;
    }

    /**
     * {@code --config FILE}, else {@code CONVERGE_CONFIG}, else {@code ./converge.yaml}, else
     * {@code ${XDG_CONFIG_HOME:-~/.config}/converge/config.yaml}; null when none exists. A file
     * named explicitly must exist.
     */
    public Path configFile(String flag) throws ConfigException {
        if (flag != null) {
            return requireExists(Path.of(flag), "--config");
        }
        String fromEnv = env.apply("CONVERGE_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return requireExists(Path.of(fromEnv), "CONVERGE_CONFIG");
        }
        Path local = workingDirectory.resolve("converge.yaml");
        if (Files.isRegularFile(local)) {
            return local;
        }
        Path user = xdg("XDG_CONFIG_HOME", ".config").resolve("converge").resolve("config.yaml");
        return Files.isRegularFile(user) ? user : null;
    }

    /** {@code --state PATH}, else {@code CONVERGE_STATE}, else {@code ${XDG_STATE_HOME:-~/.local/state}/converge/state.db}. */
    public Path stateFile(String flag) {
        if (flag != null) {
            return Path.of(flag);
        }
        String fromEnv = env.apply("CONVERGE_STATE");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return xdg("XDG_STATE_HOME", ".local/state").resolve("converge").resolve("state.db");
    }

    private Path xdg(String variable, String fallbackUnderHome) {
        String dir = env.apply(variable);
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        String home = env.apply("HOME");
        return Path.of(home == null ? System.getProperty("user.home") : home).resolve(fallbackUnderHome);
    }

    private static Path requireExists(Path p, String from) throws ConfigException {
        if (!Files.isRegularFile(p)) {
            throw new ConfigException("config file " + p + " (from " + from + ") does not exist");
        }
        return p;
    }
}
