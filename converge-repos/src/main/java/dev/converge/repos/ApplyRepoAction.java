package dev.converge.repos;

import dev.converge.core.ConvergeException;
import dev.converge.core.model.Action;
import dev.converge.core.model.Base;
import dev.converge.core.model.Fingerprint;
import dev.converge.core.model.Outcome;
import dev.converge.repos.git.CloneRepo;
import dev.converge.repos.git.CloneResult;
import dev.converge.repos.git.ConflictStrategy;
import dev.converge.repos.git.UpdateRepo;
import dev.converge.repos.git.UpdateResult;
import org.eclipse.jgit.transport.CredentialsProvider;

import java.time.Instant;
import java.util.Optional;

/**
 * Applies one planned action to one repository and says how it went, as an {@link Outcome}
 * value. Faults (network, authentication, I/O) are thrown, so the pipeline can retry the
 * transient ones and record the rest as failures; skips and conflicts are outcomes, not faults.
 */
public final class ApplyRepoAction {
    private final CredentialsProvider credentials;
    private final ConflictStrategy strategy;

    /**
     * @param credentials handed to each clone and fetch, or {@code null} when none are needed
     * @param strategy    how a merge resolves conflicting hunks
     */
    public ApplyRepoAction(CredentialsProvider credentials, ConflictStrategy strategy) {
        this.credentials = credentials;
        this.strategy = strategy;
    }

    public Outcome apply(Action<RepoItem> action) throws ConvergeException {
        Instant started = Instant.now();
        RepoItem item = action.item();
        return switch (action.type()) {
            case CLONE -> {
                CloneResult r = CloneRepo.from(item.hosted().cloneUrl()).into(item.directory())
                        .branch(item.hosted().defaultBranch()).credentials(credentials).call();
                yield r.isSuccessful()
                        ? Outcome.of(action, Outcome.Status.OK, r.head() == null ? "cloned (empty)" : "cloned at " + shortSha(r.head()), started, 1)
                        : Outcome.of(action, Outcome.Status.SKIPPED, r.message(), started, 1);
            }
            case PULL -> {
                UpdateResult r = UpdateRepo.of(item.directory()).credentials(credentials).strategy(strategy)
                        .expectedRemote(item.hosted().cloneUrl().toString()).call();
                yield Outcome.of(action, statusOf(r), describe(r), started, 1);
            }
            case SKIP -> Outcome.of(action, Outcome.Status.SKIPPED, action.reason(), started, 1);
            default -> throw new IllegalArgumentException("repos cannot apply " + action.type().label());
        };
    }

    /**
     * The base to record after a successful outcome: the remote version seen at discovery (never
     * a later one, so a push that raced the fetch is fetched next time) and the local head now.
     */
    public static Optional<Base> baseAfter(Outcome outcome) {
        if (!outcome.isSuccessful() || !(outcome.action().item() instanceof RepoItem item) || item.hosted() == null) {
            return Optional.empty();
        }
        LocalHead local = LocalHead.read(item.directory());
        if (local.state() != LocalHead.State.REPOSITORY) {
            return Optional.empty();
        }
        return Optional.of(new Base(item.id(), item.hosted().remoteVersion(), Fingerprint.of(local.head()), outcome.finished()));
    }

    private static Outcome.Status statusOf(UpdateResult r) {
        return switch (r.status()) {
            case UP_TO_DATE, FAST_FORWARDED, MERGED -> Outcome.Status.OK;
            case CONFLICT -> Outcome.Status.CONFLICT;
            case SKIPPED -> Outcome.Status.SKIPPED;
        };
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
        if (r.message().isEmpty()) {
            return text;
        }
        return r.status() == UpdateResult.Status.SKIPPED ? r.message() : text + "; " + r.message();
    }

    private static String shortSha(String sha) {
        return sha == null ? "(none)" : sha.substring(0, Math.min(7, sha.length()));
    }
}
