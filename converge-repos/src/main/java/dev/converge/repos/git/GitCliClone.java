package dev.converge.repos.git;

import dev.converge.core.ConvergeException;
import dev.converge.core.RemoteException;
import dev.converge.core.secret.Redactor;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@code git clone} child process, for {@link CloneRepo} when a {@link GitBinary} is configured.
 *
 * <p>Credentials reach the child only through its environment: {@code GIT_CONFIG_COUNT} config first
 * empties {@code credential.helper} (so no helper of the user's, a {@code store} file say, is handed the
 * token to keep) and then names a shell-function helper that answers {@code get} from the child's own
 * {@code CONVERGE_GIT_USERNAME}/{@code CONVERGE_GIT_PASSWORD}. A helper rather than an
 * {@code http.extraHeader}: git sends it only to the host that asked for it (a header would follow a
 * redirect to another host), the config value itself holds no secret, and the user name travels with
 * it. Nothing is on the command line, where {@code ps} would show it, or in the URL, which git would
 * write into {@code .git/config}.
 *
 * <p>It never prompts: {@code GIT_TERMINAL_PROMPT=0}, an empty {@code GIT_ASKPASS}, and SSH in batch
 * mode unless the user chose their own SSH command. Like JGit's timeout, which bounds each read, the
 * child is killed (with its helpers) once it has written nothing for the timeout; {@code --progress}
 * makes a healthy transfer write at least once a second.
 */
final class GitCliClone {
    private static final int STDERR_KEPT = 16 * 1024;
    private static final String HELPER = "!f() { test \"$1\" = get || return 0; echo \"username=$CONVERGE_GIT_USERNAME\"; "
            + "echo \"password=$CONVERGE_GIT_PASSWORD\"; }; f";

    private GitCliClone() {
    }

    /**
     * Clones {@code source} into {@code staging}.
     *
     * @param url the repository's URL, for credentials and messages ({@code source} may be its path)
     * @throws RemoteException when git failed, with the status JGit's failure would have had
     */
    static void run(GitBinary git, String source, Path staging, String branch, URI url, CredentialsProvider credentials,
                    int timeoutSeconds) throws ConvergeException {
        List<String> command = new ArrayList<>(List.of(git.command(), "clone", "--progress"));
        if (!git.ownTemplate()) {
            command.add("--template=");
        }
        if (branch != null) {
            command.add("--branch");
            command.add(branch);
        }
        command.addAll(List.of("--", source, staging.toString()));
        runGit(command, null, environment(git, url, credentials), git.command(), "clone " + GitRepos.displayable(url.toString()),
                timeoutSeconds);
    }

    /**
     * Checks out the branch HEAD names into the empty working tree of a repository whose Git directory
     * {@link WrittenClone} wrote: {@code git checkout -f} fills the index and the files with the user's
     * filters and attributes, as a clone's own checkout does, and moves no ref (so it logs nothing);
     * {@code --progress} keeps a long checkout writing, so the timeout only stops a stalled one.
     */
    static void checkout(GitBinary git, Path workTree, URI url, int timeoutSeconds) throws ConvergeException {
        runGit(List.of(git.command(), "checkout", "-q", "-f", "--progress"), workTree, environment(git, url, null), git.command(),
                "clone " + GitRepos.displayable(url.toString()) + " (checkout)", timeoutSeconds);
    }

    /** Runs one git child to its end, killing it once it has written nothing for the timeout. */
    private static void runGit(List<String> command, Path directory, Map<String, String> environment, String executable,
                               String what, int timeoutSeconds) throws ConvergeException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        pb.environment().clear();
        pb.environment().putAll(environment);
        Process process;
        try {
            process = pb.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new ConvergeException(what + ": cannot run " + executable + ": " + e.getMessage(), e);
        }
        StderrTail stderr = new StderrTail(process.getErrorStream());
        Thread reader = Thread.ofVirtual().name("git-clone-stderr").start(stderr);
        boolean timedOut = false;
        try {
            while (!process.waitFor(1, TimeUnit.SECONDS)) {
                if (System.nanoTime() - stderr.lastActivity.get() > TimeUnit.SECONDS.toNanos(timeoutSeconds)) {
                    timedOut = true;
                    kill(process);
                    process.waitFor();
                    break;
                }
            }
            reader.join();
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new ConvergeException(what + ": interrupted", e);
        }
        if (timedOut) {
            throw new RemoteException(what + ": git wrote nothing for " + timeoutSeconds + "s and was stopped", 0, true, null);
        }
        if (process.exitValue() != 0) {
            throw GitCliFault.of(what, process.exitValue(), stderr.text());
        }
    }

    /** The user's environment, minus what would redirect or prompt, plus the credentials and config of this clone. */
    static Map<String, String> environment(GitBinary git, URI url, CredentialsProvider credentials) {
        Map<String, String> env = new HashMap<>(git.environment());
        if (!env.containsKey("PATH") && System.getenv("PATH") != null) {
            env.put("PATH", System.getenv("PATH")); // git's helpers (ssh, the shell) are found on it
        }
        // Set when converge runs from a git hook; they would point the clone at another repository.
        for (String leaked : List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
                "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX")) {
            env.remove(leaked);
        }
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_ASKPASS", ""); // empty, not unset: git then also skips core.askPass and SSH_ASKPASS
        env.remove("SSH_ASKPASS");
        // BatchMode: ssh fails instead of asking for a passphrase or a host key. A user who chose their
        // own SSH command (environment or core.sshCommand) keeps it, as git would.
        if (!env.containsKey("GIT_SSH_COMMAND") && !env.containsKey("GIT_SSH") && !git.ownSshCommand()) {
            env.put("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
        }
        int count = existingConfigCount(env);
        String[] userPassword = userPassword(credentials, url);
        if (userPassword != null) {
            count = config(env, count, "credential.helper", "");
            count = config(env, count, "credential.helper", HELPER);
            env.put("CONVERGE_GIT_USERNAME", userPassword[0]);
            env.put("CONVERGE_GIT_PASSWORD", userPassword[1]);
        }
        env.put("GIT_CONFIG_COUNT", Integer.toString(count));
        return env;
    }

    private static int existingConfigCount(Map<String, String> env) {
        try {
            return Math.max(0, Integer.parseInt(env.getOrDefault("GIT_CONFIG_COUNT", "0").strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int config(Map<String, String> env, int index, String key, String value) {
        env.put("GIT_CONFIG_KEY_" + index, key);
        env.put("GIT_CONFIG_VALUE_" + index, value);
        return index + 1;
    }

    /**
     * The user name and password the provider's credentials give for an HTTP(S) URL, registered with
     * the redactor; {@code null} when there are none, and git then asks the user's own helpers, as
     * JGit's {@code git credential fill} fallback would.
     */
    private static String[] userPassword(CredentialsProvider credentials, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (credentials == null || !scheme.startsWith("http")) {
            return null;
        }
        CredentialItem.Username user = new CredentialItem.Username();
        CredentialItem.Password password = new CredentialItem.Password();
        try {
            if (!credentials.supports(user, password) || !credentials.get(new URIish(url.toString()), user, password)
                    || user.getValue() == null || password.getValue() == null) {
                return null;
            }
        } catch (URISyntaxException e) {
            return null;
        }
        String secret = new String(password.getValue());
        password.clear();
        Redactor.global().register(secret);
        return new String[] {user.getValue(), secret};
    }

    /** Kills git and what it started (remote helpers, ssh, upload-pack) so nothing keeps writing the staging directory. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Reads the child's stderr to its end, keeping the tail for messages and when it last wrote. */
    private static final class StderrTail implements Runnable {
        private final InputStream in;
        private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        private final StringBuilder tail = new StringBuilder();

        StderrTail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    lastActivity.set(System.nanoTime());
                    synchronized (tail) {
                        tail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        if (tail.length() > STDERR_KEPT) {
                            tail.delete(0, tail.length() - STDERR_KEPT);
                        }
                    }
                }
            } catch (IOException e) {
                // The child was killed or closed its end; what was read so far is what there is.
            }
        }

        String text() {
            synchronized (tail) {
                return tail.toString();
            }
        }
    }
}
