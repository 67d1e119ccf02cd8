package dev.converge.remotes.vpn;

import dev.converge.core.secret.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs one VPN command through {@code sh -c}, bounded by a timeout. Its output goes to a log file
 * (and to the debug log), never to the screen: VPN clients are chatty and may echo secrets. A
 * command that outlives the timeout is killed together with everything it started.
 */
public final class CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    /** The log file's name inside the repository's Git directory. */
    public static final String LOG_FILE = "converge-vpn.log";
    private final Path workDir;
    private final Path logFile;

    /**
     * @param workDir the directory commands run in (the repository's work tree)
     * @param logFile where each command and its output are appended
     */
    public CommandRunner(Path workDir, Path logFile) {
        this.workDir = workDir;
        this.logFile = logFile;
    }

    /**
     * How a command ended.
     *
     * @param exitCode its exit code, or -1 when it timed out or could not start
     * @param timedOut whether it was killed for running too long
     * @param problem  what went wrong, for messages, or an empty string
     */
    public record Result(int exitCode, boolean timedOut, String problem) {
        public boolean isSuccess() {
            return exitCode == 0 && !timedOut;
        }
    }

    /** Runs {@code command}; {@code what} names it in the log ("vpn corporate connect_cmd"). */
    public Result run(String what, String command, Duration timeout) {
        log(what, "running");
        Process process;
        try {
            process = new ProcessBuilder("sh", "-c", command).directory(workDir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, false, what + " could not start: " + e.getMessage());
        }
        // Nothing is typed into a VPN command: close its input so one that prompts fails instead of hanging.
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("{}: {}", what, e.getMessage());
        }
        Thread.ofVirtual().name("vpn-output").start(() -> logOutput(what, process));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                log(what, "killed after " + timeout);
                return new Result(-1, true, what + " did not finish within " + describe(timeout) + " and was stopped");
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(-1, false, what + " was interrupted");
        }
        int code = process.exitValue();
        log(what, "exit " + code);
        return new Result(code, false, code == 0 ? "" : what + " failed with exit code " + code + " (its output is in the log)");
    }

    private void logOutput(String what, Process process) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log(what, Redactor.global().redact(line));
            }
        } catch (IOException e) {
            LOG.debug("{}: output closed: {}", what, e.getMessage());
        }
    }

    private synchronized void log(String what, String text) {
        String line = Instant.now() + " " + what + ": " + text;
        LOG.debug(line);
        try {
            Files.writeString(logFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.debug("cannot write {}: {}", logFile, e.getMessage());
        }
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
