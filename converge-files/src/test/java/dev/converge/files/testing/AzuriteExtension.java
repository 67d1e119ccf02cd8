package dev.converge.files.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real {@link Azurite} blob service: declare {@code @ExtendWith(AzuriteExtension.class)}
 * and take an {@code Azurite} parameter (constructor, lifecycle method or test).
 *
 * <p>One Azurite serves the whole test run (started on first use, stopped when the run ends), so
 * tests should use their own containers ({@link Azurite#newContainerName}). The executable is found
 * in this order: {@code CONVERGE_AZURITE_BIN}; {@code azurite-blob} on the PATH;
 * {@code <repo root>/.cache/azurite/node_modules/.bin/azurite-blob}; and if none exists, it is
 * installed there from npm (a pinned version, under a file lock so parallel builds install once).
 */
public final class AzuriteExtension implements ParameterResolver {
    /** The newest Azurite whose dependencies still run on Node 20. */
    static final String VERSION = "3.35.0";
    private static final String EXECUTABLE = "azurite-blob";
    private static final long INSTALL_TIMEOUT_MINUTES = 10;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AzuriteExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Azurite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, k -> new Running(start()), Running.class).azurite();
    }

    /** Closed by JUnit when the root context (the whole run) ends. */
    private record Running(Azurite azurite) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            azurite.close();
        }
    }

    private static Azurite start() {
        try {
            Path executable = findOrInstall();
            Path workDir = Files.createTempDirectory("azurite");
            Azurite azurite = Azurite.start(executable, workDir);
            // A JVM killed mid-run must not leave a server behind.
            Runtime.getRuntime().addShutdownHook(new Thread(azurite::close, "stop-azurite"));
            return azurite;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path findOrInstall() throws IOException {
        String configured = System.getenv("CONVERGE_AZURITE_BIN");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isExecutable(p)) {
                throw new IOException("CONVERGE_AZURITE_BIN=" + configured + " is not an executable file");
            }
            return p;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, EXECUTABLE);
                if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        Path cache = repoRoot().resolve(".cache/azurite");
        Path cached = cache.resolve("node_modules/.bin/" + EXECUTABLE);
        if (Files.isExecutable(cached)) {
            return cached;
        }
        Files.createDirectories(cache);
        try (FileChannel lockFile = FileChannel.open(cache.resolve(".install.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock()) {
            if (!Files.isExecutable(cached)) { // another build may have installed it while we waited
                install(cache);
            }
        }
        if (!Files.isExecutable(cached)) {
            throw new IOException("npm install of azurite@" + VERSION + " did not produce " + cached);
        }
        return cached;
    }

    private static void install(Path cache) throws IOException {
        Path log = cache.resolve("npm-install.log");
        Process npm;
        try {
            npm = new ProcessBuilder(List.of("npm", "install", "--no-audit", "--no-fund",
                    "--prefix", cache.toString(), "azurite@" + VERSION))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IOException("azurite-blob not found and npm cannot be run to install it (" + e.getMessage()
                    + "); install Node.js 20 with npm, or set CONVERGE_AZURITE_BIN", e);
        }
        try {
            if (!npm.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                throw new IOException("npm install of azurite@" + VERSION + " took over " + INSTALL_TIMEOUT_MINUTES
                        + " minutes; see " + log);
            }
        } catch (InterruptedException e) {
            npm.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while installing azurite", e);
        }
        if (npm.exitValue() != 0) {
            throw new IOException("npm install of azurite@" + VERSION + " failed (exit " + npm.exitValue() + "):\n"
                    + Files.readString(log));
        }
    }

    /** The top-most directory with a pom.xml above the working directory (the module, under Surefire). */
    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        Path root = dir;
        for (Path p = dir; p != null && Files.exists(p.resolve("pom.xml")); p = p.getParent()) {
            root = p;
        }
        return root;
    }
}
