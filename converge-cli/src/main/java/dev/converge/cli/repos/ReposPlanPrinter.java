package dev.converge.cli.repos;

import dev.converge.cli.Console;
import dev.converge.core.model.Action;
import dev.converge.core.model.ActionType;
import dev.converge.core.model.Plan;
import dev.converge.repos.RepoItem;

/** Prints a repos plan: one line per repository that would be touched, then the totals. */
final class ReposPlanPrinter {
    private ReposPlanPrinter() {
    }

    static void print(Console console, Plan<RepoItem> plan) {
        for (Action<RepoItem> a : plan.actions()) {
            String mark = switch (a.type()) {
                case CLONE -> console.paint("+ clone", "32");
                case PULL -> console.paint("~ pull ", "36");
                default -> console.paint("= skip ", "33");
            };
            console.line(mark + " " + a.itemId() + "  (" + a.reason() + ")");
        }
        var counts = plan.countByType();
        console.line("would clone " + counts.getOrDefault(ActionType.CLONE, 0L) + ", pull "
                + counts.getOrDefault(ActionType.PULL, 0L) + ", skip " + counts.getOrDefault(ActionType.SKIP, 0L)
                + "; " + plan.unchanged() + " unchanged");
    }
}
