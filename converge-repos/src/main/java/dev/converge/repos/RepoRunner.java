package dev.converge.repos;

import dev.converge.core.ConvergeException;
import dev.converge.core.model.Action;
import dev.converge.core.model.Base;
import dev.converge.core.model.Fingerprint;
import dev.converge.core.model.Outcome.Status;
import dev.converge.core.pipeline.ActionRunner;
import dev.converge.core.pipeline.Applied;
import dev.converge.repos.git.CloneRepo;
import dev.converge.repos.git.CloneResult;
import dev.converge.repos.git.ConflictPrompt;
import dev.converge.repos.git.ConflictStrategy;
import dev.converge.repos.git.GitBinary;
import dev.converge.repos.git.UpdateRepo;
import dev.converge.repos.git.UpdateResult;
import dev.converge.repos.host.HostThrottle;
import org.eclipse.jgit.transport.CredentialsProvider;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Carries out one planned clone or pull for the core's {@code Apply} stage. Faults (network,
 * authentication, I/O) are thrown so the engine retries the transient ones; skips and conflicts
 * are returned as values. The base handed back keeps the remote version seen at discovery, never
 * a later one, so a push that raced the fetch is fetched on the next run.
 */
public final class RepoRunner implements ActionRunner<RepoItem> {
    private final CredentialsProvider credentials;
    private final ConflictStrategy strategy;
    private final ConflictPrompt prompt;
    private final HostThrottle throttle;
    private Supplier<GitBinary> gitBinary = () -> null;

    /**
     * @param credentials handed to each clone and fetch, or {@code null} when none are needed
     * @param strategy    how a merge resolves conflicting hunks
     * @param prompt      who answers under the interactive strategy, or {@code null} off a terminal
     * @param throttle    the per-host limits clones and fetches keep to, or {@code null} for none
     */
    public RepoRunner(CredentialsProvider credentials, ConflictStrategy strategy, ConflictPrompt prompt,
                      HostThrottle throttle) {
        this.credentials = credentials;
        this.strategy = strategy;
        this.prompt = prompt;
        this.throttle = throttle;
    }

    /** Clones with this {@code git} binary rather than JGit ({@code null}: JGit); updates stay on JGit. */
    public RepoRunner gitBinary(GitBinary gitBinary) {
        return gitBinary(() -> gitBinary);
    }

    /** As {@link #gitBinary(GitBinary)}, asked only when a clone is made. */
    public RepoRunner gitBinary(Supplier<GitBinary> gitBinary) {
        this.gitBinary = Objects.requireNonNull(gitBinary, "gitBinary");
        return this;
    }

    @Override
    public Applied apply(Action<RepoItem> action) throws ConvergeException {
        RepoItem item = action.item();
        return switch (action.type()) {
            case CLONE -> clone(item);
            case PULL -> pull(item);
            case SKIP -> Applied.skipped(action.reason());
            default -> throw new IllegalArgumentException("repos cannot apply " + action.type().label());
        };
    }

    private Applied clone(RepoItem item) throws ConvergeException {
        CloneResult r = CloneRepo.from(item.hosted().cloneUrl()).into(item.directory())
                .branch(item.hosted().defaultBranch()).credentials(credentials).throttle(throttle).gitBinary(gitBinary.get()).call();
        if (!r.isSuccessful()) {
            return Applied.skipped(r.message());
        }
        return new Applied(Status.OK, base(item, r.head()), false,
                r.head() == null ? "cloned (empty repository)" : "cloned at " + shortSha(r.head()));
    }

    private Applied pull(RepoItem item) throws ConvergeException {
        UpdateResult r = UpdateRepo.of(item.directory()).credentials(credentials).strategy(strategy).prompt(prompt).throttle(throttle)
                .expectedRemote(item.hosted().cloneUrl().toString()).call();
        return switch (r.status()) {
            case UP_TO_DATE, FAST_FORWARDED, MERGED -> new Applied(Status.OK, base(item, r.after()), false, describe(r));
            case CONFLICT -> Applied.conflict(describe(r));
            case SKIPPED -> Applied.skipped(r.message());
        };
    }

    private static Base base(RepoItem item, String localHead) {
        return new Base(item.id(), item.hosted().remoteVersion(), Fingerprint.of(localHead), Instant.now());
    }

    private static String describe(UpdateResult r) {
        String moved = shortSha(r.before()) + ".." + shortSha(r.after());
        String text = switch (r.status()) {
            case UP_TO_DATE -> "up to date";
            case FAST_FORWARDED -> "fast-forwarded " + moved;
            case MERGED -> "merged " + moved;
            case CONFLICT -> "conflict in " + String.join(", ", r.conflicts());
            case SKIPPED -> "skipped";
        };
        return r.message().isEmpty() ? text : text + "; " + r.message();
    }

    private static String shortSha(String sha) {
        return sha == null ? "(none)" : sha.substring(0, Math.min(7, sha.length()));
    }
}
