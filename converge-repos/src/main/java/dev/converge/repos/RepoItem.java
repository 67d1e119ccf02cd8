package dev.converge.repos;

import dev.converge.core.model.Item;
import dev.converge.repos.provider.HostedRepo;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One repository of a fleet: as its provider lists it, and where its clone lives.
 *
 * @param fullPath  its full path at the provider, the item's identity in the state store
 * @param hosted    what the provider listed, or {@code null} when it is no longer listed
 * @param directory where the clone is (or will be): {@code --into} plus the full path
 */
public record RepoItem(String fullPath, HostedRepo hosted, Path directory) implements Item {
    public RepoItem {
        Objects.requireNonNull(fullPath, "fullPath");
        Objects.requireNonNull(directory, "directory");
    }

    public static RepoItem of(HostedRepo hosted, Path into) {
        return new RepoItem(hosted.fullPath(), hosted, into.resolve(hosted.fullPath()));
    }

    @Override
    public String id() {
        return fullPath;
    }
}
