package dev.converge.repos.git;

import dev.converge.core.ConvergeException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.BranchTrackingStatus;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a clone's {@link RepoStatus} without changing anything, not even the index's stat cache. */
public final class InspectRepo {
    private final Path directory;

    private InspectRepo(Path directory) {
        this.directory = directory;
    }

    public static InspectRepo of(Path directory) {
        return new InspectRepo(directory);
    }

    public RepoStatus call() throws ConvergeException {
        try (Git git = GitRepos.open(directory)) {
            return read(git);
        }
    }

    static RepoStatus read(Git git) throws ConvergeException {
        Repository repo = git.getRepository();
        try {
            String fullBranch = repo.getFullBranch();
            boolean onBranch = fullBranch != null && fullBranch.startsWith(Constants.R_HEADS);
            ObjectId head = repo.resolve(Constants.HEAD);
            String branch = onBranch ? Repository.shortenRefName(fullBranch) : null;
            if (!onBranch && head == null) {
                branch = fullBranch;
            }
            String upstream = null;
            int ahead = 0;
            int behind = 0;
            if (onBranch && head != null) {
                BranchTrackingStatus tracking = BranchTrackingStatus.of(repo, branch);
                if (tracking != null) {
                    upstream = Repository.shortenRefName(tracking.getRemoteTrackingBranch());
                    ahead = tracking.getAheadCount();
                    behind = tracking.getBehindCount();
                }
            }
            Status status = git.status().call();
            int modified = status.getUncommittedChanges().size() + status.getConflicting().size();
            return new RepoStatus(GitRepos.workTree(repo), branch, head == null ? null : head.name(),
                    repo.getRepositoryState(), upstream, ahead, behind, modified, status.getUntracked().size(),
                    repo.getConfig().getString("remote", Constants.DEFAULT_REMOTE_NAME, "url"));
        } catch (IOException | GitAPIException e) {
            throw new ConvergeException("cannot read status of " + GitRepos.workTree(repo) + ": " + e.getMessage(), e);
        }
    }
}
