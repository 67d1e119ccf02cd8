package dev.converge.cli.remotes;

import dev.converge.cli.Console;
import dev.converge.remotes.BranchState;
import dev.converge.remotes.BranchStatus;
import dev.converge.remotes.MirrorDisagreement;
import dev.converge.remotes.PushOutcome;
import dev.converge.remotes.PushStatus;
import dev.converge.remotes.RemoteHealth;
import dev.converge.remotes.RemoteStatus;
import dev.converge.remotes.RemotesPushResult;
import dev.converge.remotes.StatusResult;
import dev.converge.remotes.queue.QueuedPush;
import org.eclipse.jgit.lib.ObjectId;

import java.util.List;
import java.util.stream.Collectors;

/** The readable tables of the remotes commands: symbols and colour on a terminal, plain words when piped. */
final class RemotesPrinter {
    private static final String GREEN = "32";
    private static final String YELLOW = "33";
    private static final String RED = "31";
    private final Console console;

    RemotesPrinter(Console console) {
        this.console = console;
    }

    void status(StatusResult result) {
        if (result.remotes().isEmpty()) {
            console.line("this repository has no remotes to mirror to (git remote add NAME URL)");
        }
        for (RemoteStatus r : result.remotes()) {
            String answer = r.reachable() ? r.latency().toMillis() + " ms" : console.paint("unreachable: " + r.fault().message(), RED);
            console.line(r.name() + "  (priority " + r.priority() + ")  " + r.url() + "  " + answer);
            for (BranchStatus b : r.branches()) {
                String shas = sha(b.localSha()) + (b.remoteSha() == null || b.remoteSha().equals(b.localSha()) ? "" : " ≠ " + sha(b.remoteSha()));
                console.line("  " + mark(b.state()) + String.format("%-24s %-28s %s", b.branch(), paint(b.state(), b.describe()), shas));
            }
        }
        disagreements(result.disagreements());
        result.warnings().forEach(w -> console.note("warning: " + w));
    }

    void push(RemotesPushResult result) {
        for (PushOutcome o : result.outcomes()) {
            String text = String.format("%-36s %-12s %s", o.id(), paint(o.status()), o.message());
            console.line(mark(o.status()) + text.stripTrailing() + (o.fromQueue() ? "  (from the queue)" : ""));
            if (!o.hint().isEmpty()) {
                console.line("    to reconcile: " + o.hint());
            }
        }
        disagreements(result.disagreements());
        result.warnings().forEach(w -> console.note("warning: " + w));
        if (result.outcomes().isEmpty()) {
            console.line("nothing to push");
        }
    }

    void health(List<RemoteHealth> health) {
        for (RemoteHealth h : health) {
            String state = h.reachable() ? console.paint("reachable", GREEN) + " " + h.latency().toMillis() + " ms"
                    : console.paint("unreachable", RED) + " (" + h.fault().kind().label() + ": " + h.fault().message() + ")";
            console.line(String.format("%-20s %s  auth %s%s  %s", h.name(), state, h.auth(),
                    h.vpn().isEmpty() ? "" : "  vpn " + h.vpn(), h.url()));
        }
    }

    void queue(List<QueuedPush> entries) {
        if (entries.isEmpty()) {
            console.line("the offline queue is empty");
        }
        for (QueuedPush e : entries) {
            console.line(String.format("%-36s %s  queued %s  attempts %d  %s", e.id(), e.sha().substring(0, 7), e.queuedAt(),
                    e.attempts(), e.lastError()));
        }
    }

    private void disagreements(List<MirrorDisagreement> list) {
        for (MirrorDisagreement d : list) {
            String commits = d.commits().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=" + sha(e.getValue())).collect(Collectors.joining(", "));
            console.note("warning: mirrors " + (d.diverged() ? "have diverged" : "disagree") + " on " + d.branch() + ": " + commits);
        }
    }

    private String mark(BranchState state) {
        if (!console.terminal()) {
            return "";
        }
        return switch (state) {
            case IN_SYNC -> console.paint("✓ ", GREEN);
            case AHEAD, MISSING -> console.paint("↑ ", YELLOW);
            case BEHIND -> console.paint("↓ ", YELLOW);
            default -> console.paint("✗ ", RED);
        };
    }

    private String mark(PushStatus status) {
        if (!console.terminal()) {
            return "";
        }
        return switch (status) {
            case PUSHED, UP_TO_DATE, PLANNED -> console.paint("✓ ", GREEN);
            case BEHIND, QUEUED -> console.paint("… ", YELLOW);
            default -> console.paint("✗ ", RED);
        };
    }

    private String paint(BranchState state, String text) {
        return switch (state) {
            case IN_SYNC -> console.paint(text, GREEN);
            case AHEAD, MISSING, BEHIND -> console.paint(text, YELLOW);
            default -> console.paint(text, RED);
        };
    }

    private String paint(PushStatus status) {
        return status.isSuccessful() ? console.paint(status.label(), GREEN)
                : status == PushStatus.QUEUED || status == PushStatus.BEHIND ? console.paint(status.label(), YELLOW)
                : console.paint(status.label(), RED);
    }

    private static String sha(ObjectId id) {
        return id == null ? "-" : id.abbreviate(7).name();
    }
}
