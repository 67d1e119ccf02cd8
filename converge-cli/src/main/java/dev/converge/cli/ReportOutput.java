package dev.converge.cli;

import dev.converge.core.UsageException;
import dev.converge.core.report.JsonReport;
import dev.converge.core.report.Report;
import dev.converge.core.report.ReportFormat;
import dev.converge.core.secret.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The report options every syncing command takes, and where the report goes. */
public final class ReportOutput {
    @Option(names = "--report", paramLabel = "FORMAT", description = "Report format: text, json or html (default: text; html needs --report-file or goes to stdout).")
    String format;

    @Option(names = "--report-file", paramLabel = "FILE", description = "Write the report to FILE (format from --report, else from the file's extension).")
    String file;

    /** Whether --report or --report-file was given. */
    public boolean requested() {
        return format != null || file != null;
    }

    /** Validates the options before any work starts, so a typo costs nothing. */
    public void check() throws UsageException {
        if (format != null) {
            ReportFormat.parse(format);
        }
    }

    /**
     * Writes the report: --json puts the JSON document on stdout; --report-file writes the chosen form
     * there; otherwise the chosen form (text by default) goes to stdout unless --quiet.
     */
    public void emit(Invocation inv, Report report) throws UsageException {
        Console console = inv.console();
        if (file != null) {
            ReportFormat f = format != null ? ReportFormat.parse(format) : fromExtension(file);
            Path target = inv.context().resolve(file);
            try {
                Path parent = target.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(target, Redactor.global().redact(f.renderer().render(report)), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("cannot write report file " + target + ": " + e.getMessage(), e);
            }
            console.note("report written to " + target);
        }
        if (console.json()) {
            console.print(new JsonReport().render(report));
        } else if (!console.quiet() && (file == null || format == null)) {
            ReportFormat f = format != null && file == null ? ReportFormat.parse(format) : ReportFormat.TEXT;
            console.print(f.renderer().render(report));
        }
    }

    private static ReportFormat fromExtension(String file) {
        String f = file.toLowerCase(java.util.Locale.ROOT);
        if (f.endsWith(".json")) {
            return ReportFormat.JSON;
        }
        return f.endsWith(".html") || f.endsWith(".htm") ? ReportFormat.HTML : ReportFormat.TEXT;
    }
}
