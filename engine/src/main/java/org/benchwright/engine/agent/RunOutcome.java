package org.benchwright.engine.agent;

import org.benchwright.engine.project.RunStatus;

/** How a run ended, with the reason a person can read. */
public record RunOutcome(long runId, RunStatus status, String reason) {}
