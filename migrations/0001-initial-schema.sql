--liquibase formatted sql

--changeset benchwright:0001-settings
-- Project-wide settings as JSON values; defaults live in code, overrides here.
CREATE TABLE project_settings (
  key   TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
);
-- The marker that tells a Benchwright project from any other SQLite file.
INSERT INTO project_settings (key, value) VALUES ('format', '"benchwright-project"');

--changeset benchwright:0001-blobs
-- Content-addressed bytes (files, logs, meshes, renders). codec: raw | deflate.
CREATE TABLE blobs (
  sha256     TEXT    NOT NULL PRIMARY KEY,
  codec      TEXT    NOT NULL,
  size       BIGINT  NOT NULL,
  data       BLOB    NOT NULL,
  created_at BIGINT  NOT NULL
);

--changeset benchwright:0001-runs
-- One execution of a workflow on a task. Integer id keeps event keys small; uid is the
-- stable identity used by bundles and exports.
CREATE TABLE runs (
  id              INTEGER PRIMARY KEY,
  uid             TEXT    NOT NULL UNIQUE,
  workflow        TEXT    NOT NULL,
  task            TEXT    NOT NULL,
  status          TEXT    NOT NULL,
  parent_run_id   BIGINT  REFERENCES runs (id),
  fork_seq        BIGINT,
  model_config    TEXT    NOT NULL,
  created_at      BIGINT  NOT NULL,
  started_at      BIGINT,
  ended_at        BIGINT,
  input_tokens    BIGINT  NOT NULL DEFAULT 0,
  output_tokens   BIGINT  NOT NULL DEFAULT 0,
  cost_usd        DOUBLE  NOT NULL DEFAULT 0,
  wall_ms         BIGINT  NOT NULL DEFAULT 0,
  outcome         TEXT,
  outcome_reason  TEXT
);

--changeset benchwright:0001-events
-- The unit of record: append-only, ordered by a per-run sequence number. Clustered on
-- (run_id, seq) so a page of a run is one range scan and an append is one b-tree insert.
CREATE TABLE events (
  run_id     BIGINT  NOT NULL REFERENCES runs (id),
  seq        BIGINT  NOT NULL,
  type       TEXT    NOT NULL,
  node       TEXT,
  created_at BIGINT  NOT NULL,
  payload    TEXT    NOT NULL,
  blob_sha   TEXT    REFERENCES blobs (sha256),
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

--changeset benchwright:0001-run-files
-- Every version of every run file: the file at step N is the newest version with seq <= N.
-- A null blob marks a deletion.
CREATE TABLE run_files (
  run_id   BIGINT NOT NULL REFERENCES runs (id),
  path     TEXT   NOT NULL,
  seq      BIGINT NOT NULL,
  blob_sha TEXT   REFERENCES blobs (sha256),
  PRIMARY KEY (run_id, path, seq)
) WITHOUT ROWID;

--changeset benchwright:0001-plans
-- A plan revision holds a TODO list; items are copied forward per revision so any
-- revision reads alone.
CREATE TABLE plan_revisions (
  id         INTEGER PRIMARY KEY,
  run_id     BIGINT NOT NULL REFERENCES runs (id),
  revision   INTEGER NOT NULL,
  seq        BIGINT NOT NULL,
  plan_text  TEXT   NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (run_id, revision)
);
CREATE TABLE todo_items (
  id               INTEGER PRIMARY KEY,
  plan_revision_id BIGINT  NOT NULL REFERENCES plan_revisions (id),
  position         INTEGER NOT NULL,
  text             TEXT    NOT NULL,
  status           TEXT    NOT NULL,
  proof            TEXT,
  UNIQUE (plan_revision_id, position)
);

--changeset benchwright:0001-approvals
-- Human gates: what was asked (gate_seq) and what was decided.
CREATE TABLE approvals (
  id          INTEGER PRIMARY KEY,
  run_id      BIGINT NOT NULL REFERENCES runs (id),
  gate_seq    BIGINT NOT NULL,
  kind        TEXT   NOT NULL,
  decision    TEXT,
  comment     TEXT,
  decided_by  TEXT,
  decided_at  BIGINT
);

--changeset benchwright:0001-skills
-- Learned skills: markdown documents, versioned, with an embedding (float32 little-endian).
CREATE TABLE skills (
  id         INTEGER PRIMARY KEY,
  name       TEXT   NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE TABLE skill_versions (
  id             INTEGER PRIMARY KEY,
  skill_id       BIGINT  NOT NULL REFERENCES skills (id),
  version        INTEGER NOT NULL,
  title          TEXT    NOT NULL,
  markdown       TEXT    NOT NULL,
  embedding      BLOB,
  embedding_model TEXT,
  origin_run_id  BIGINT  REFERENCES runs (id),
  created_at     BIGINT  NOT NULL,
  UNIQUE (skill_id, version)
);

--changeset benchwright:0001-benchmarks
-- Validated physics scenarios and their seed variants.
CREATE TABLE benchmarks (
  id                     INTEGER PRIMARY KEY,
  uid                    TEXT   NOT NULL UNIQUE,
  name                   TEXT   NOT NULL,
  run_id                 BIGINT REFERENCES runs (id),
  generator_blob         TEXT   REFERENCES blobs (sha256),
  objectives             TEXT   NOT NULL,
  constraints_json       TEXT   NOT NULL,
  expected_solution_note TEXT,
  status                 TEXT   NOT NULL,
  created_at             BIGINT NOT NULL
);
CREATE TABLE benchmark_variants (
  id                INTEGER PRIMARY KEY,
  benchmark_id      BIGINT  NOT NULL REFERENCES benchmarks (id),
  seed              BIGINT  NOT NULL,
  mjcf_blob         TEXT    REFERENCES blobs (sha256),
  assets            TEXT    NOT NULL,
  validation_report TEXT,
  passed            BOOLEAN,
  UNIQUE (benchmark_id, seed)
);

--changeset benchwright:0001-sandbox-execs
-- Every command run in a sandbox, with its limits and how it ended.
CREATE TABLE sandbox_execs (
  id                 INTEGER PRIMARY KEY,
  run_id             BIGINT  NOT NULL REFERENCES runs (id),
  seq                BIGINT,
  command            TEXT    NOT NULL,
  exit_code          INTEGER,
  duration_ms        BIGINT  NOT NULL,
  stdout_blob        TEXT    REFERENCES blobs (sha256),
  stderr_blob        TEXT    REFERENCES blobs (sha256),
  output_truncated   BOOLEAN NOT NULL DEFAULT 0,
  limits             TEXT    NOT NULL,
  termination_reason TEXT    NOT NULL,
  started_at         BIGINT  NOT NULL
);

--changeset benchwright:0001-version runInTransaction:false
PRAGMA user_version = 1;
