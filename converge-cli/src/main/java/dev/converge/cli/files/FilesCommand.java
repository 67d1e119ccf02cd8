package dev.converge.cli.files;

import picocli.CommandLine.Command;

/** {@code converge files}: a local tree kept in an object store. */
@Command(name = "files", mixinStandardHelpOptions = true,
        description = "Push a directory tree to object storage (Azure Blob, S3, a directory).",
        subcommands = {FilesPushCommand.class, FilesStatusCommand.class})
public final class FilesCommand {
}
