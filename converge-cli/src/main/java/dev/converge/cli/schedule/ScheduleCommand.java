package dev.converge.cli.schedule;

import picocli.CommandLine.Command;

/** {@code converge schedule}: the commands stored with {@code --schedule}. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"List, remove and run the stored schedules.",
                "Add one with --schedule CRON on a sync command, e.g. converge repos sync 'team/*' --provider work --schedule '0 2 * * *'."},
        subcommands = {ScheduleListCommand.class, ScheduleRemoveCommand.class, ScheduleRunDueCommand.class})
public final class ScheduleCommand {
}
