package dev.converge.cli;

import picocli.CommandLine.Option;

/** The options every command takes. */
public final class GlobalOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file (else $CONVERGE_CONFIG, else ./converge.yaml, else ${XDG_CONFIG_HOME:-~/.config}/converge/config.yaml).")
    String config;

    @Option(names = "--state", paramLabel = "PATH",
            description = "State file (else $CONVERGE_STATE, else ${XDG_STATE_HOME:-~/.local/state}/converge/state.db).")
    String state;

    @Option(names = "--json", description = "Print one JSON document on stdout and nothing else there.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print each action as it finishes.")
    boolean verbose;

    @Option(names = "--no-color", description = "No colour (also when NO_COLOR is set or output is not a terminal).")
    boolean noColor;
}
