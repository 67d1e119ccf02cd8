package dev.converge.repos.provider;

import dev.converge.core.model.Fingerprint;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * One repository as its provider lists it.
 *
 * @param fullPath      its path at the provider ({@code owner/repo}, {@code group/sub/repo},
 *                      a path under a local root), which is also where it lands under {@code --into}
 * @param cloneUrl      the URL to clone over, never carrying credentials
 * @param defaultBranch the branch a fresh clone checks out, or {@code null} for an empty repository
 * @param archived      read-only at the provider
 * @param fork          a fork of another repository
 * @param disabled      disabled by the provider (GitHub) or the project (Azure DevOps)
 * @param pushedAt      when it was last pushed to, where the provider says so
 * @param remoteVersion what identifies the remote's current state as cheaply as the provider can
 *                      tell: the head commit (local), or the last push time (GitHub); {@code null}
 *                      when the provider cannot tell and a ref advertisement must
 */
public record HostedRepo(String fullPath, URI cloneUrl, String defaultBranch, boolean archived, boolean fork,
                         boolean disabled, Instant pushedAt, Fingerprint remoteVersion) {
    public HostedRepo {
        Objects.requireNonNull(fullPath, "fullPath");
        Objects.requireNonNull(cloneUrl, "cloneUrl");
        if (cloneUrl.getUserInfo() != null) {
            // Credentials travel per operation; a URL with them would end up in .git/config.
            throw new IllegalArgumentException("clone URL must not carry credentials: " + fullPath);
        }
    }
}
