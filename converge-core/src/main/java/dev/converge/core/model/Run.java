package dev.converge.core.model;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One execution of a sync, with an id that the audit trail and reports share.
 *
 * @param id      sortable id: UTC time then random ("20261123T101500Z-3f9a1c")
 * @param kind    files, repos, remotes, records or components
 * @param syncId  which configured pair of sides this run converges
 * @param command the command as a user would retype it, secrets removed
 * @param dryRun  whether the run stops after planning
 * @param started when it started
 */
public record Run(String id, String kind, String syncId, String command, boolean dryRun, Instant started) {
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    public Run {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(syncId, "syncId");
        Objects.requireNonNull(started, "started");
        command = command == null ? "" : command;
    }

    public static Run start(String kind, String syncId, String command, boolean dryRun) {
        Instant now = Instant.now();
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        return new Run(ID_TIME.format(now) + "-" + HexFormat.of().formatHex(random), kind, syncId, command, dryRun, now);
    }
}
