package org.benchwright.engine.project;

import java.time.Instant;

/** An event as the log holds it: with its run, its sequence number and when it was recorded. */
public record RecordedEvent(
    long runId,
    long seq,
    EventType type,
    String node,
    Instant timestamp,
    String payloadJson,
    String blobSha) {}
