package dev.converge.remotes;

import dev.converge.core.secret.Redactor;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Credentials from the user's Git credential helpers ({@code git credential fill}), so that converge
 * pushes with whatever {@code git push} would use: a token in a keychain, {@code gh auth}'s helper, a
 * store file. Never prompts (a push in a hook or a daemon has nobody to ask); the password it gets is
 * registered with the {@link Redactor} so that no message can echo it. Without a {@code git} binary it
 * simply has nothing to offer.
 */
public final class GitCredentials extends CredentialsProvider {
    private static final long TIMEOUT_SECONDS = 30;
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
        StringBuilder request = new StringBuilder();
        request.append("protocol=").append(uri.getScheme()).append('\n');
        request.append("host=").append(uri.getHost()).append(uri.getPort() > 0 ? ":" + uri.getPort() : "").append('\n');
        if (uri.getPath() != null) {
            request.append("path=").append(uri.getPath().replaceFirst("^/", "")).append('\n');
        }
        if (uri.getUser() != null) {
            request.append("username=").append(uri.getUser()).append('\n');
        }
        request.append('\n');
        Map<String, String> answer = new HashMap<>();
        try {
            ProcessBuilder pb = new ProcessBuilder("git", "credential", "fill").directory(workDir.toFile());
            pb.environment().put("GIT_TERMINAL_PROMPT", "0");
            pb.environment().remove("GIT_ASKPASS");
            pb.environment().remove("SSH_ASKPASS");
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process process = pb.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(request.toString().getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return answer;
            }
            if (process.exitValue() != 0) {
                return answer;
            }
            for (String line : out.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    answer.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            return answer; // no git binary: no helpers to ask
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return answer;
    }
}
