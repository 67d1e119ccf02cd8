package dev.converge.repos.git;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Asks the user's Git credential helpers for a credential, as {@code git credential fill} does for
 * {@code git clone}: a token in a keychain, {@code gh auth}'s helper, a store file. Never prompts
 * (a run from a schedule has nobody to ask). What it returns is a secret: callers register it with
 * the redactor and never print or store it. Without a {@code git} binary there is simply nothing.
 */
public final class GitCredentialFill {
    private static final long TIMEOUT_SECONDS = 30;

    private final Map<String, String> environment;
    private final Path workDir;

    /**
     * @param environment the environment the helpers run in (the user's, so their HOME and
     *                    GIT_CONFIG_GLOBAL pick the helpers), or {@code null} for this process's own
     * @param workDir     where {@code git credential} runs, so that a repository's own config applies
     */
    public GitCredentialFill(Map<String, String> environment, Path workDir) {
        this.environment = environment;
        this.workDir = workDir;
    }

    /**
     * Sends the request ({@code protocol}, {@code host}, maybe {@code path} and {@code username})
     * and returns the helper's answer, empty when no helper had one.
     */
    public Map<String, String> fill(Map<String, String> request) {
        StringBuilder input = new StringBuilder();
        request.forEach((key, value) -> input.append(key).append('=').append(value).append('\n'));
        input.append('\n');
        Map<String, String> answer = new LinkedHashMap<>();
        try {
            ProcessBuilder pb = new ProcessBuilder("git", "credential", "fill").directory(workDir.toFile());
            if (environment != null) {
                pb.environment().clear();
                pb.environment().putAll(environment);
            }
            // No terminal prompt and no askpass dialog: a helper answers, or nothing does.
            pb.environment().put("GIT_TERMINAL_PROMPT", "0");
            pb.environment().remove("GIT_ASKPASS");
            pb.environment().remove("SSH_ASKPASS");
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process process = pb.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(input.toString().getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Map.of();
            }
            if (process.exitValue() != 0) {
                return Map.of();
            }
            for (String line : out.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    answer.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            return Map.of(); // no git binary: no helpers to ask
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        return answer;
    }
}
