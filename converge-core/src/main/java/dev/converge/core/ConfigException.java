package dev.converge.core;

import java.nio.file.Path;

/** A configuration error that names where it is: file, line, column and key. Exit 2. */
public class ConfigException extends ConvergeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message, null, ExitCode.USAGE);
    }

    public ConfigException(Path file, int line, int column, String key, String problem) {
        super(where(file, line, column) + (key == null ? "" : ": " + key) + ": " + problem, null, ExitCode.USAGE);
    }

    private static String where(Path file, int line, int column) {
        String name = file == null ? "<config>" : file.toString();
        return line > 0 ? name + ":" + line + ":" + column : name;
    }
}
