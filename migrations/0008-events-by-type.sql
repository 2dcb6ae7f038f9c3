--liquibase formatted sql

--changeset benchwright:0008-events-by-type
-- Reads of one kind of event (the node transitions a resumed or forked run folds, a run's file
-- changes since a sync, its gates, its model exchanges for a replay) are a range of this index
-- instead of a scan of every event of the run (ADR 0040).
CREATE INDEX events_by_type ON events (run_id, type, seq);
PRAGMA user_version = 8;
