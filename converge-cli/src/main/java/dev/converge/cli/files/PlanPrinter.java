package dev.converge.cli.files;

import dev.converge.cli.Console;
import dev.converge.core.model.Action;
import dev.converge.core.model.ActionType;
import dev.converge.core.model.ChangeType;
import dev.converge.core.model.Outcome;
import dev.converge.core.report.Sizes;
import dev.converge.files.FileItem;
import dev.converge.files.FilesPlan;
import java.util.List;
import java.util.Map;

/** Prints a push plan the way a person reviews it: one line per file, then totals. */
final class PlanPrinter {
    private PlanPrinter() {
    }

    static void print(Console console, FilesPlan plan, String target) {
        for (Action<FileItem> a : plan.uploads()) {
            String mark = a.change().isConflict() ? "!" : a.change().type() == ChangeType.ADDED ? "+" : "~";
            String color = a.change().isConflict() ? "33" : a.change().type() == ChangeType.ADDED ? "32" : "36";
            console.line(console.paint(mark + " " + a.itemId(), color) + "  " + Sizes.bytes(a.item().size())
                    + (a.change().type() == ChangeType.ADDED && a.reason().equals("new file") ? "" : "  (" + a.reason() + ")"));
        }
        for (Action<FileItem> a : plan.deletes()) {
            String mark = a.type() == ActionType.DELETE ? "-" : "=";
            console.line(console.paint(mark + " " + a.itemId(), "31") + "  " + Sizes.bytes(a.item().size()) + "  (" + a.reason() + ")");
        }
        for (Outcome f : plan.failures()) {
            console.line(console.paint("x " + f.action().itemId(), "31") + "  (" + f.message() + ")");
        }
        Map<String, Long> c = plan.changes();
        long uploads = plan.uploads().stream().filter(a -> a.type() == ActionType.UPLOAD).count();
        long deletes = plan.deletes().stream().filter(a -> a.type() == ActionType.DELETE).count();
        console.line(String.format("%s: %d added, %d modified, %d deleted, %d conflicts, %d unchanged, %d errors",
                target, c.get("added"), c.get("modified"), c.get("deleted"), c.get("conflicts"), c.get("unchanged"),
                plan.failures().size()));
        console.line("would upload " + uploads + " files (" + Sizes.bytes(plan.uploadBytes()) + ") and delete " + deletes + " objects"
                + (c.get("remote_only") > 0 ? "; " + c.get("remote_only") + " remote objects not in the source"
                + (deletes == 0 ? " (kept; --delete removes them)" : "") : ""));
        if (List.of(plan.uploads(), plan.deletes()).stream().allMatch(List::isEmpty) && plan.failures().isEmpty()) {
            console.line("nothing to do: " + target + " is up to date");
        }
    }
}
