--liquibase formatted sql

--changeset benchwright:0002-run-label
-- A user-given name for a run, shown in the runs list instead of the task when set.
ALTER TABLE runs ADD COLUMN label TEXT;

--changeset benchwright:0002-version runInTransaction:false
PRAGMA user_version = 2;
