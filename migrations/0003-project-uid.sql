--liquibase formatted sql

--changeset benchwright:0003-project-uid
-- A stable identity per project: sandboxes, exports and bundles are labelled with it.
INSERT INTO project_settings (key, value)
VALUES ('project.uid', '"' || lower(hex(randomblob(16))) || '"');

--changeset benchwright:0003-version runInTransaction:false
PRAGMA user_version = 3;
