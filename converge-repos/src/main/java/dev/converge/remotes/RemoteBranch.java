package dev.converge.remotes;

import dev.converge.core.model.Item;

/**
 * The item of the remotes kind: one branch on one remote.
 *
 * @param remote the remote
 * @param branch the branch's short name
 */
public record RemoteBranch(String remote, String branch) implements Item {
    @Override
    public String id() {
        return remote + "/" + branch;
    }
}
