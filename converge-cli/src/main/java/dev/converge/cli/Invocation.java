package dev.converge.cli;

import dev.converge.core.ConfigException;
import dev.converge.core.StateStoreException;
import dev.converge.core.config.ConfigLoader;
import dev.converge.core.config.ConfigLocator;
import dev.converge.core.config.ConfigNode;
import dev.converge.core.config.Settings;
import dev.converge.core.secret.Redactor;
import dev.converge.core.state.SqliteStateStore;
import dev.converge.core.state.StateStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Everything one command invocation resolves before it works: the context, the console, the config
 * file (validated), the settings and the state file.
 */
public final class Invocation {
    /** The config file's sections; each kind validates its own section's keys. */
    public static final Set<String> SECTIONS = Set.of("state", "retry", "files", "providers", "repos", "hooks",
            "remotes", "vpn", "parallel", "offline_queue", "discover");

    private final CliContext context;
    private final GlobalOptions options;
    private final Console console;
    private final Path configFile;
    private final Settings settings;

    private Invocation(CliContext context, GlobalOptions options, Path configFile, Settings settings) {
        this.context = context;
        this.options = options;
        this.console = new Console(context, options);
        this.configFile = configFile;
        this.settings = settings;
    }

    public static Invocation of(CliContext context, GlobalOptions options) throws ConfigException {
        ConfigLocator locator = new ConfigLocator(context.env(), context.workingDirectory());
        Path file = locator.configFile(options.config == null ? null : context.resolve(options.config).toString());
        ConfigNode root = file == null ? ConfigNode.empty() : ConfigLoader.load(file);
        root.requireKeys(SECTIONS);
        root.registerSecrets(context.env());
        registerEnvironmentSecrets(context);
        return new Invocation(context, options, file, new Settings(root, context.env()));
    }

    /** The providers' conventional secret variables: masked wherever they might be echoed. */
    private static void registerEnvironmentSecrets(CliContext context) {
        for (String name : List.of("AZURE_STORAGE_CONNECTION_STRING", "AZURE_STORAGE_KEY", "AZURE_STORAGE_SAS_TOKEN",
                "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "GITHUB_TOKEN", "GH_TOKEN", "GITLAB_TOKEN",
                "AZURE_DEVOPS_PAT", "BITBUCKET_TOKEN")) {
            Redactor.global().register(context.environment().get(name));
        }
    }

    public CliContext context() {
        return context;
    }

    public Console console() {
        return console;
    }

    public GlobalOptions options() {
        return options;
    }

    public Settings settings() {
        return settings;
    }

    public Path configFile() {
        return configFile;
    }

    public ConfigNode config() {
        return settings.root();
    }

    /** The state file: --state, else CONVERGE_STATE, else the config's state key, else the XDG default. */
    public Path statePath() throws ConfigException {
        ConfigLocator locator = new ConfigLocator(context.env(), context.workingDirectory());
        if (options.state != null) {
            return context.resolve(options.state);
        }
        String env = context.environment().get("CONVERGE_STATE");
        ConfigNode node = config().get("state");
        if ((env == null || env.isBlank()) && node != null && node.raw() != null) {
            return context.resolve(node.text(context.env()));
        }
        return locator.stateFile(null);
    }

    /** Where the state path came from, for config show. */
    public String stateOrigin() {
        if (options.state != null) {
            return "flag --state";
        }
        String env = context.environment().get("CONVERGE_STATE");
        if (env != null && !env.isBlank()) {
            return "env CONVERGE_STATE";
        }
        ConfigNode node = config().get("state");
        return node != null && node.raw() != null ? node.location() : "default";
    }

    /** Opens the state store: read-only (a dry run, a query) writes nothing and creates no file. */
    public StateStore openState(boolean readOnly) throws ConfigException, StateStoreException {
        Path path = statePath();
        return readOnly ? SqliteStateStore.openReadOnly(path) : SqliteStateStore.open(path);
    }

    /** The command line as typed, secrets masked, for reports and the audit trail. */
    public static String commandLine(List<String> args) {
        return Redactor.global().redact("converge " + String.join(" ", args));
    }
}
