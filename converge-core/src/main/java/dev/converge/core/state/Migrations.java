package dev.converge.core.state;

import java.util.List;

/** The state schema's history. Append new migrations at the end with the next version. */
public final class Migrations {
    private Migrations() {
    }

    public static final List<Migration> ALL = List.of(
            new Migration(1, "runs, bases and the audit trail", """
                    CREATE TABLE runs (
                      id          TEXT PRIMARY KEY,
                      kind        TEXT NOT NULL,
                      sync_id     TEXT NOT NULL,
                      command     TEXT NOT NULL,
                      started_at  TEXT NOT NULL,
                      finished_at TEXT,
                      status      TEXT,
                      summary     TEXT
                    );
                    CREATE TABLE bases (
                      sync_id   TEXT NOT NULL,
                      item_id   TEXT NOT NULL,
                      left_fp   TEXT,
                      right_fp  TEXT,
                      synced_at TEXT NOT NULL,
                      PRIMARY KEY (sync_id, item_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE audit (
                      seq         INTEGER PRIMARY KEY AUTOINCREMENT,
                      run_id      TEXT NOT NULL,
                      kind        TEXT NOT NULL,
                      sync_id     TEXT NOT NULL,
                      item_id     TEXT NOT NULL,
                      action      TEXT NOT NULL,
                      outcome     TEXT NOT NULL,
                      bytes       INTEGER NOT NULL,
                      message     TEXT NOT NULL,
                      at          TEXT NOT NULL,
                      duration_ms INTEGER NOT NULL
                    );
                    CREATE INDEX audit_at ON audit (at);
                    CREATE INDEX audit_item ON audit (item_id);
                    """),
            new Migration(2, "the offline queue of pushes waiting for a remote to come back", """
                    CREATE TABLE push_queue (
                      sync_id    TEXT NOT NULL,
                      remote     TEXT NOT NULL,
                      branch     TEXT NOT NULL,
                      sha        TEXT NOT NULL,
                      queued_at  TEXT NOT NULL,
                      attempts   INTEGER NOT NULL,
                      last_error TEXT NOT NULL,
                      PRIMARY KEY (sync_id, remote, branch)
                    ) WITHOUT ROWID;
                    """),
            new Migration(3, "schedules, and the leases that keep two daemons from running one schedule at once", """
                    CREATE TABLE schedules (
                      name         TEXT PRIMARY KEY,
                      cron         TEXT NOT NULL,
                      command      TEXT NOT NULL,
                      directory    TEXT NOT NULL,
                      created_at   TEXT NOT NULL,
                      last_fire_at TEXT NOT NULL,
                      last_run_at  TEXT,
                      last_exit    INTEGER,
                      last_runner  TEXT
                    ) WITHOUT ROWID;
                    CREATE TABLE schedule_leases (
                      name       TEXT PRIMARY KEY,
                      owner      TEXT NOT NULL,
                      expires_at INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    """));
}
