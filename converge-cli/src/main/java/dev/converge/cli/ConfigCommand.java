package dev.converge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.converge.core.ConvergeException;
import dev.converge.core.config.Setting;
import dev.converge.core.config.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code converge config}: the configuration as converge sees it. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Inspect configuration.",
        subcommands = ConfigCommand.Show.class)
public final class ConfigCommand {

    /** {@code converge config show}: every effective setting and where it came from. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Print each effective setting and where it came from: default, config file (file:line),",
                    "environment (CONVERGE_…) or flag. Secrets are masked."})
    public static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        GlobalOptions global;

        @Override
        public Integer call() throws ConvergeException {
            Invocation inv = Invocation.of(ConvergeCommand.context(spec), global);
            Settings s = inv.settings();
            dev.converge.cli.files.FilesSettingsCatalog.resolveAll(inv);
            dev.converge.cli.repos.ReposSettings.resolveAll(inv);
            RetrySettings.resolve(s);
            List<Setting<?>> rows = new ArrayList<>();
            rows.add(new Setting<>("config", inv.configFile() == null ? "(none)" : inv.configFile().toString(),
                    inv.configFile() == null ? "default" : global.config != null ? "flag --config"
                            : inv.context().environment().containsKey("CONVERGE_CONFIG") ? "env CONVERGE_CONFIG" : "found", false));
            rows.add(new Setting<>("state", inv.statePath().toString(), inv.stateOrigin(), false));
            // The remotes rows come from the repository's config laid over the user's: they win over the same keys.
            Map<String, Setting<?>> byKey = new LinkedHashMap<>();
            s.resolved().forEach(r -> byKey.put(r.key(), r));
            dev.converge.cli.remotes.RemotesSettingsCatalog.resolveAll(inv).forEach(r -> byKey.put(r.key(), r));
            rows.addAll(byKey.values());
            if (inv.console().json()) {
                inv.console().print(json(rows));
                return 0;
            }
            int width = rows.stream().mapToInt(r -> r.key().length()).max().orElse(10);
            int valueWidth = Math.min(60, rows.stream().mapToInt(r -> r.shown().length()).max().orElse(10));
            for (Setting<?> r : rows) {
                inv.console().line(String.format("%-" + width + "s  %-" + valueWidth + "s  %s", r.key(), r.shown(), r.origin()));
            }
            return 0;
        }

        private static String json(List<Setting<?>> rows) {
            Map<String, Object> doc = new LinkedHashMap<>();
            for (Setting<?> r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                // Numbers and booleans stay JSON values; anything else (a duration, a path) as shown on screen.
                m.put("value", r.secret() ? "****" : r.value() instanceof Number || r.value() instanceof Boolean ? r.value() : r.shown());
                m.put("origin", r.origin());
                doc.put(r.key(), m);
            }
            try {
                return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
