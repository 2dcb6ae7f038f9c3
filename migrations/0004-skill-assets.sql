--liquibase formatted sql

--changeset benchwright:0004-skill-assets
-- Files that belong to one version of a skill (snippets, example scenes): names and blob addresses.
CREATE TABLE skill_assets (
  skill_version_id BIGINT NOT NULL REFERENCES skill_versions (id),
  name             TEXT   NOT NULL,
  blob_sha         TEXT   NOT NULL REFERENCES blobs (sha256),
  PRIMARY KEY (skill_version_id, name)
);

--changeset benchwright:0004-version runInTransaction:false
PRAGMA user_version = 4;
