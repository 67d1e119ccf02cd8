package dev.converge.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Registers the top-level commands a command line needs. A run of {@code converge files push}
 * needs only {@code files}; help, completion, a typo (whose suggestions list every command) and a
 * bare {@code converge} need all of them; {@code --version} needs none.
 */
final class Subcommands {
    private Subcommands() {
    }

    static void register(CommandLine root, String[] args) {
        String first = args.length == 0 ? null : args[0];
        if ("-V".equals(first) || "--version".equals(first)) {
            return;
        }
        Class<?> named = first == null || first.equals(nameOf(CompletionCommand.class)) ? null : find(first);
        for (Class<?> command : named == null ? ConvergeCommand.SUBCOMMANDS : List.of(named)) {
            root.addSubcommand(command);
        }
    }

    private static Class<?> find(String name) {
        for (Class<?> command : ConvergeCommand.SUBCOMMANDS) {
            if (nameOf(command).equals(name)) {
                return command;
            }
        }
        return null;
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }
}
