package org.benchwright.engine.capabilities;

import org.benchwright.engine.project.Capabilities.NewTestRun;

/**
 * One run of a capability's tests, judged for its phase.
 *
 * @param admits red: every test failed against the empty implementation; green and retest: every
 *     test passed against the code
 * @param reason why it does not admit, in words for the model or the user; null when it admits
 * @param output the tail of pytest's output, for whoever fixes the tests or the code
 */
public record TestOutcome(
    String phase,
    boolean admits,
    String reason,
    int total,
    int failed,
    Integer exitCode,
    String termination,
    String output,
    long durationMs) {

  public static final String RED = "red";
  public static final String GREEN = "green";
  public static final String RETEST = "retest";

  /** The row this outcome is recorded as; {@code passed} means the tests passed. */
  public NewTestRun record(Long runId) {
    boolean passed = !RED.equals(phase) ? admits : exitCode != null && exitCode == 0;
    return new NewTestRun(
        phase, passed, total, failed, exitCode, termination, output, durationMs, runId);
  }
}
