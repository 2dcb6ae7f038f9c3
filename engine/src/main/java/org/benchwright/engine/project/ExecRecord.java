package org.benchwright.engine.project;

import java.util.List;

/**
 * One command run in a sandbox, as the project records it.
 *
 * @param limitsJson the limits it ran under, as JSON
 * @param termination how it ended (EXIT, TIMEOUT, OUT_OF_MEMORY, OUTPUT_LIMIT, ENGINE_ERROR)
 */
public record ExecRecord(
    String node,
    List<String> command,
    Integer exitCode,
    long durationMs,
    byte[] stdout,
    byte[] stderr,
    boolean outputTruncated,
    String limitsJson,
    String termination,
    boolean sessionRestarted,
    String detail,
    long startedAtMillis) {}
