--liquibase formatted sql

--changeset benchwright:0005-blob-chunks
-- Blobs too big to hold in memory at once (datasets, large outputs) are stored in parts of at most
-- 1 MiB each; their blobs row has codec 'chunked' and an empty data column. Each part has its own
-- codec (raw | deflate), so incompressible parts are stored as they are.
CREATE TABLE blob_chunks (
  sha256 TEXT    NOT NULL REFERENCES blobs (sha256),
  part   INTEGER NOT NULL,
  codec  TEXT    NOT NULL,
  size   BIGINT  NOT NULL,
  data   BLOB    NOT NULL,
  PRIMARY KEY (sha256, part)
);

--changeset benchwright:0005-run-file-kind
-- A run file is a regular file (null) or a symbolic link ('symlink', whose blob holds the link's
-- target as UTF-8 text). Links are recorded, never followed.
ALTER TABLE run_files ADD COLUMN kind TEXT;

--changeset benchwright:0005-version runInTransaction:false
PRAGMA user_version = 5;
