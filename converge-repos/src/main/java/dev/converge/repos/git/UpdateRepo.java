package dev.converge.repos.git;

import dev.converge.core.ConvergeException;
import dev.converge.repos.host.HostThrottle;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.CheckoutConflictException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.BranchConfig;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Brings one clone up to date with its upstream: fetch, then fast-forward when the branch has no
 * local commits, or merge when it has and the strategy allows. It never loses work: a dirty tree,
 * an operation under way, a detached HEAD or a clone of another remote is left untouched and
 * reported; a merge that still conflicts after the strategy is aborted and HEAD, index and
 * working tree restored to what they were; a branch is never reset to its upstream.
 */
public final class UpdateRepo {
    private final Path directory;
    private CredentialsProvider credentials;
    private ConflictStrategy strategy = ConflictStrategy.SKIP;
    private String expectedRemote;
    private ConflictPrompt prompt;
    private HostThrottle throttle;
    private int timeoutSeconds = 120;

    private UpdateRepo(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    public static UpdateRepo of(Path directory) {
        return new UpdateRepo(directory);
    }

    public UpdateRepo credentials(CredentialsProvider credentials) {
        this.credentials = credentials;
        return this;
    }

    public UpdateRepo strategy(ConflictStrategy strategy) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        return this;
    }

    /**
     * Who decides conflicts under {@link ConflictStrategy#INTERACTIVE}; without one (no terminal)
     * the interactive strategy aborts the merge as {@link ConflictStrategy#SKIP} does.
     */
    public UpdateRepo prompt(ConflictPrompt prompt) {
        this.prompt = prompt;
        return this;
    }

    /** The URL {@code origin} must point at; a clone of anything else is skipped, not fetched. */
    public UpdateRepo expectedRemote(String url) {
        this.expectedRemote = url;
        return this;
    }

    /** Keeps the fetch within its host's limit and rides out push-back; none when {@code null}. */
    public UpdateRepo throttle(HostThrottle throttle) {
        this.throttle = throttle;
        return this;
    }

    public UpdateRepo timeoutSeconds(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
        return this;
    }

    /**
     * Updates, or explains why not.
     *
     * @throws ConvergeException for transport faults (a {@link dev.converge.core.RemoteException}
     *                           that says whether to retry) and repository I/O faults
     */
    public UpdateResult call() throws ConvergeException {
        if (!GitRepos.isWorkingRepository(directory)) {
            return skipped(null, "exists but is not a Git repository");
        }
        try (Git git = GitRepos.open(directory)) {
            RepoStatus before = InspectRepo.read(git);
            if (expectedRemote != null && !GitRepos.sameRemote(before.originUrl(), expectedRemote)) {
                return skipped(before, before.originUrl() == null ? "has no remote 'origin'"
                        : "tracks another remote: " + GitRepos.displayable(before.originUrl()));
            }
            if (before.blocker().isPresent()) {
                return skipped(before, before.blocker().get());
            }
            if (throttle == null) {
                fetch(git);
            } else {
                throttle.call(before.originUrl(), () -> fetch(git));
            }
            RepoStatus fetched = InspectRepo.read(git);
            if (fetched.upstream() == null) {
                return skipped(fetched, fetched.head() == null ? "the repository has no commits yet"
                        : "branch " + fetched.branch() + " has no upstream on origin");
            }
            if (fetched.behind() == 0) {
                return result(git, UpdateResult.Status.UP_TO_DATE, before, List.of(),
                        fetched.ahead() > 0 ? fetched.ahead() + " local commit(s) not pushed" : "");
            }
            if (fetched.ahead() == 0) {
                return fastForward(git, before, fetched);
            }
            return merge(git, before, fetched);
        }
    }

    private Void fetch(Git git) throws ConvergeException {
        InlineGc.install();
        try {
            git.fetch().setRemote(Constants.DEFAULT_REMOTE_NAME).setCredentialsProvider(credentials)
                    .setTimeout(timeoutSeconds).call();
            return null;
        } catch (TransportException e) {
            throw GitRepos.transportFault("fetch " + directory, e);
        } catch (GitAPIException e) {
            throw new ConvergeException("fetch " + directory + ": " + e.getMessage(), e);
        }
    }

    private UpdateResult fastForward(Git git, RepoStatus before, RepoStatus fetched) throws ConvergeException {
        try {
            MergeResult merge = git.merge().include(upstreamId(git, fetched))
                    .setFastForward(MergeCommand.FastForwardMode.FF_ONLY).setCommit(true).call();
            if (!merge.getMergeStatus().isSuccessful()) {
                return skipped(before, "fast-forward refused: " + merge.getMergeStatus());
            }
            return result(git, UpdateResult.Status.FAST_FORWARDED, before, List.of(), "");
        } catch (CheckoutConflictException e) {
            return skipped(before, "fast-forward would overwrite local files: " + String.join(", ", e.getConflictingPaths()));
        } catch (GitAPIException | IOException e) {
            throw new ConvergeException("fast-forward " + directory + ": " + e.getMessage(), e);
        }
    }

    private UpdateResult merge(Git git, RepoStatus before, RepoStatus fetched) throws ConvergeException {
        ObjectId original = ObjectId.fromString(before.head());
        try {
            MergeResult merge = git.merge().include(fetched.upstream(), upstreamId(git, fetched))
                    .setContentMergeStrategy(strategy.contentMergeStrategy())
                    .setFastForward(MergeCommand.FastForwardMode.NO_FF).setCommit(true)
                    .setMessage("Merge " + fetched.upstream() + " into " + fetched.branch()
                            + " (converge, conflict strategy " + strategy.label() + ")")
                    .call();
            if (merge.getMergeStatus().isSuccessful()) {
                return result(git, UpdateResult.Status.MERGED, before, List.of(), "");
            }
            List<String> conflicts = conflictsOf(merge);
            if (strategy == ConflictStrategy.INTERACTIVE && prompt != null && isPlainConflict(merge)) {
                return askAbout(git, before, fetched, merge, conflicts);
            }
            restore(git, original);
            String why = strategy == ConflictStrategy.INTERACTIVE
                    ? "merge conflicts (no terminal to ask on, so interactive behaves as skip); merge aborted, repository restored"
                    : "merge conflicts; merge aborted, repository restored";
            return result(git, UpdateResult.Status.CONFLICT, before, conflicts, why);
        } catch (CheckoutConflictException e) {
            restore(git, original);
            return skipped(before, "merge would overwrite local files: " + String.join(", ", e.getConflictingPaths()));
        } catch (GitAPIException | IOException e) {
            restore(git, original);
            throw new ConvergeException("merge " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * A merge that stopped on content conflicts only: nothing failed to be written, so the working
     * tree holds the merge with markers and can be settled file by file.
     */
    private static boolean isPlainConflict(MergeResult merge) {
        return merge.getMergeStatus() == MergeResult.MergeStatus.CONFLICTING
                && (merge.getFailingPaths() == null || merge.getFailingPaths().isEmpty());
    }

    /** Settles each conflicting file at the prompt and commits the merge, or aborts it on "skip". */
    private UpdateResult askAbout(Git git, RepoStatus before, RepoStatus fetched, MergeResult merge, List<String> conflicts)
            throws GitAPIException, IOException, ConvergeException {
        ObjectId original = ObjectId.fromString(before.head());
        ObjectId upstream = merge.getMergedCommits()[merge.getMergedCommits().length - 1];
        Optional<List<String>> decisions = new InteractiveMerge(git, prompt, directory.toString())
                .resolve(conflicts, merge.getBase(), original, upstream);
        if (decisions.isEmpty()) {
            restore(git, original);
            return result(git, UpdateResult.Status.CONFLICT, before, conflicts,
                    "skipped at the prompt; merge aborted, repository restored");
        }
        git.commit().setMessage("Merge " + fetched.upstream() + " into " + fetched.branch()
                + " (converge, conflicts settled interactively)").call();
        return result(git, UpdateResult.Status.MERGED, before, List.of(),
                "conflicts settled at the prompt: " + String.join(", ", decisions.get()));
    }

    /** Puts HEAD, index and working tree back at the commit they were on, clearing MERGE_HEAD. */
    private void restore(Git git, ObjectId original) throws ConvergeException {
        try {
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(original.name()).call();
            Repository repo = git.getRepository();
            repo.writeMergeHeads(null);
            repo.writeMergeCommitMsg(null);
        } catch (GitAPIException | IOException e) {
            throw new ConvergeException("could not restore " + directory + " to " + original.name()
                    + " after an aborted merge: " + e.getMessage(), e);
        }
    }

    private static List<String> conflictsOf(MergeResult merge) {
        TreeSet<String> paths = new TreeSet<>();
        if (merge.getConflicts() != null) {
            paths.addAll(merge.getConflicts().keySet());
        }
        if (merge.getFailingPaths() != null) {
            paths.addAll(merge.getFailingPaths().keySet());
        }
        return List.copyOf(paths);
    }

    private static ObjectId upstreamId(Git git, RepoStatus fetched) throws IOException {
        Repository repo = git.getRepository();
        String tracking = new BranchConfig(repo.getConfig(), fetched.branch()).getRemoteTrackingBranch();
        return repo.resolve(tracking);
    }

    private UpdateResult result(Git git, UpdateResult.Status status, RepoStatus before, List<String> conflicts,
                                String message) throws ConvergeException {
        RepoStatus after = InspectRepo.read(git);
        return new UpdateResult(status, directory, after.branch(), before.head(), after.head(),
                after.ahead(), after.behind(), conflicts, message);
    }

    private UpdateResult skipped(RepoStatus status, String why) {
        String head = status == null ? null : status.head();
        return new UpdateResult(UpdateResult.Status.SKIPPED, directory, status == null ? null : status.branch(),
                head, head, status == null ? 0 : status.ahead(), status == null ? 0 : status.behind(), List.of(), why);
    }
}
