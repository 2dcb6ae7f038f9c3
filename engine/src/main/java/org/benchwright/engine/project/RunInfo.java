package org.benchwright.engine.project;

import java.time.Instant;

/** A run as the runs list shows it. */
public record RunInfo(
    long id,
    String uid,
    String workflow,
    String task,
    String label,
    RunStatus status,
    Long parentRunId,
    Long forkSeq,
    String modelConfigJson,
    Instant createdAt,
    long inputTokens,
    long outputTokens,
    double costUsd,
    long wallMillis) {}
