package dev.converge.core.hooks;

import dev.converge.core.ConfigException;
import dev.converge.core.config.ConfigNode;
import dev.converge.core.config.Durations;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code hooks:} section of the config:
 * <pre>
 * hooks:
 *   enabled: true          # else only with --hooks
 *   pre_sync: "./check.sh" # run with sh -c; non-zero vetoes the run
 *   post_sync: "notify"
 *   on_error: "page-me"
 *   timeout: 60s           # per hook; a hook still running then is killed
 * </pre>
 *
 * @param commands the command of each configured event
 * @param timeout  how long one hook may run
 */
public record HookConfig(Map<HookEvent, String> commands, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** The section's keys; {@code enabled} is read as a setting, so flags and env can override it. */
    public static final Set<String> KEYS = Set.of("enabled", "pre_sync", "post_sync", "on_error", "timeout");

    public HookConfig {
        commands = commands.isEmpty() ? Map.of() : new EnumMap<>(commands);
    }

    /** No hooks at all. */
    public static HookConfig none() {
        return new HookConfig(Map.of(), DEFAULT_TIMEOUT);
    }

    /**
     * Reads and validates the section (null when the config has none): an unknown key, an empty
     * command or a bad timeout is an error naming file:line:col and the key.
     */
    public static HookConfig read(ConfigNode section, Function<String, String> env) throws ConfigException {
        if (section == null || (section.isScalar() && section.raw() == null)) {
            return none();
        }
        section.requireKeys(KEYS);
        Map<HookEvent, String> commands = new EnumMap<>(HookEvent.class);
        for (HookEvent event : HookEvent.values()) {
            ConfigNode node = section.get(event.key());
            if (node == null || node.raw() == null && node.isScalar()) {
                continue;
            }
            String command = node.text(env);
            if (command == null || command.isBlank()) {
                throw node.error("expected a shell command, found nothing");
            }
            commands.put(event, command);
        }
        Duration timeout = DEFAULT_TIMEOUT;
        ConfigNode t = section.get("timeout");
        if (t != null && t.raw() != null) {
            try {
                timeout = Durations.parse(t.text(env));
            } catch (IllegalArgumentException e) {
                throw t.error(e.getMessage());
            }
            if (timeout.isZero()) {
                throw t.error("a hook needs some time to run; expected more than 0");
            }
        }
        return new HookConfig(commands, timeout);
    }

    public Optional<String> command(HookEvent event) {
        return Optional.ofNullable(commands.get(event));
    }

    public boolean isEmpty() {
        return commands.isEmpty();
    }
}
