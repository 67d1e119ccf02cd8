package dev.converge.remotes;

import dev.converge.core.secret.Redactor;
import dev.converge.repos.git.GitCredentialFill;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Credentials from the user's Git credential helpers ({@code git credential fill}), so that converge
 * pushes with whatever {@code git push} would use: a token in a keychain, {@code gh auth}'s helper, a
 * store file. Never prompts (a push in a hook or a daemon has nobody to ask); the password it gets is
 * registered with the {@link Redactor} so that no message can echo it. Without a {@code git} binary it
 * simply has nothing to offer.
 */
public final class GitCredentials extends CredentialsProvider {
    private final Path workDir;

    /** @param workDir where {@code git credential} runs, so that the repository's own config applies */
    public GitCredentials(Path workDir) {
        this.workDir = workDir;
    }

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
        for (CredentialItem item : items) {
            if (!(item instanceof CredentialItem.Username) && !(item instanceof CredentialItem.Password)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
        Map<String, String> answer = fill(uri);
        String user = answer.get("username");
        String password = answer.get("password");
        if (user == null || password == null) {
            return false;
        }
        Redactor.global().register(password);
        for (CredentialItem item : items) {
            if (item instanceof CredentialItem.Username u) {
                u.setValue(user);
            } else if (item instanceof CredentialItem.Password p) {
                p.setValue(password.toCharArray());
            } else {
                throw new UnsupportedCredentialItem(uri, item.getClass().getName() + ": " + item.getPromptText());
            }
        }
        return true;
    }

    private Map<String, String> fill(URIish uri) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("protocol", uri.getScheme());
        request.put("host", uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""));
        if (uri.getPath() != null) {
            request.put("path", uri.getPath().replaceFirst("^/", ""));
        }
        if (uri.getUser() != null) {
            request.put("username", uri.getUser());
        }
        return new GitCredentialFill(null, workDir).fill(request);
    }
}
