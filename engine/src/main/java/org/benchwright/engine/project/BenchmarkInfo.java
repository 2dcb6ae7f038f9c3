package org.benchwright.engine.project;

import java.time.Instant;

/** A benchmark as the benchmarks list shows it. */
public record BenchmarkInfo(
    long id,
    String uid,
    String name,
    Long runId,
    String status,
    int variants,
    int passedVariants,
    Instant createdAt) {}
