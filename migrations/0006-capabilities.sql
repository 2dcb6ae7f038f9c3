--liquibase formatted sql

--changeset benchwright:0006-capabilities
-- Capabilities: small functions an agent specified, tested and registered (ADR 0038). The name is
-- unique; every registration adds a version with its code, tests and schemas. status: active
-- (offered to agents), quarantined (its tests stopped passing, or a user set it aside), unverified
-- (imported, not yet tested here).
CREATE TABLE capabilities (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL UNIQUE,
  status        TEXT    NOT NULL DEFAULT 'active',
  status_reason TEXT,
  created_at    BIGINT  NOT NULL
);

-- One version: the spec (description, JSON Schemas of parameters and result, examples), the code
-- and the pytest tests; the embedding of the description (float32 little-endian); where it came
-- from (a run and the event that registered it, or an import).
CREATE TABLE capability_versions (
  id                INTEGER PRIMARY KEY,
  capability_id     BIGINT  NOT NULL REFERENCES capabilities (id) ON DELETE CASCADE,
  version           INTEGER NOT NULL,
  description       TEXT    NOT NULL,
  parameters_schema TEXT    NOT NULL,
  result_schema     TEXT    NOT NULL,
  examples          TEXT    NOT NULL,
  code              TEXT    NOT NULL,
  tests             TEXT    NOT NULL,
  embedding         BLOB,
  embedding_model   TEXT,
  origin_run_id     BIGINT,
  origin_seq        BIGINT,
  origin_note       TEXT,
  created_at        BIGINT  NOT NULL,
  UNIQUE (capability_id, version)
);

-- Every time a version's tests ran: against the empty implementation (red, must fail), against
-- the code (green, must pass), or again later (retest, from the CLI or the desktop).
CREATE TABLE capability_test_runs (
  id                    INTEGER PRIMARY KEY,
  capability_version_id BIGINT  NOT NULL REFERENCES capability_versions (id) ON DELETE CASCADE,
  phase                 TEXT    NOT NULL,
  passed                INTEGER NOT NULL,
  tests_total           INTEGER NOT NULL,
  tests_failed          INTEGER NOT NULL,
  exit_code             INTEGER,
  termination           TEXT    NOT NULL,
  report                TEXT    NOT NULL,
  duration_ms           BIGINT  NOT NULL,
  run_id                BIGINT,
  created_at            BIGINT  NOT NULL
);
CREATE INDEX capability_test_runs_version ON capability_test_runs (capability_version_id);

-- Measured reuse: each time a capability was found (above the threshold), called, and how the
-- call ended. The counters are aggregates of these rows; the rows name the runs that used it.
CREATE TABLE capability_uses (
  id            INTEGER PRIMARY KEY,
  capability_id BIGINT  NOT NULL REFERENCES capabilities (id) ON DELETE CASCADE,
  version       INTEGER NOT NULL,
  kind          TEXT    NOT NULL,
  run_id        BIGINT,
  seq           BIGINT,
  created_at    BIGINT  NOT NULL
);
CREATE INDEX capability_uses_capability ON capability_uses (capability_id, kind);

--changeset benchwright:0006-version runInTransaction:false
PRAGMA user_version = 6;
