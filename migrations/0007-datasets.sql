--liquibase formatted sql

--changeset benchwright:0007-datasets
-- Tabular datasets added to a project for the automl workflow (ADR 0039). The file is stored once
-- as a blob (chunked when big) and shared by every run that trains on it; the profile is the JSON
-- the ml image's harness computed (rows, columns with types, missing values, cardinality, target
-- candidates, class balance, meta-features). target/task are what runs use: detected by the
-- profile (task_reason says why) or chosen by the user (target_chosen = 1).
CREATE TABLE datasets (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL UNIQUE,
  file_name     TEXT    NOT NULL,
  format        TEXT    NOT NULL,
  sha256        TEXT    NOT NULL REFERENCES blobs (sha256),
  size          BIGINT  NOT NULL,
  rows          BIGINT  NOT NULL,
  columns       INTEGER NOT NULL,
  profile       TEXT    NOT NULL,
  target        TEXT    NOT NULL,
  task          TEXT    NOT NULL,
  task_reason   TEXT    NOT NULL,
  target_chosen INTEGER NOT NULL DEFAULT 0,
  created_at    BIGINT  NOT NULL
);

--changeset benchwright:0007-version runInTransaction:false
PRAGMA user_version = 7;
