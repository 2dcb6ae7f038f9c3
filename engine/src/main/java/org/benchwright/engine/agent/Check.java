package org.benchwright.engine.agent;

/** An automatic judgement between nodes (for example: every sampled seed validates). */
public interface Check {

  /** The result: passed, and a report that goes back to the node on failure. */
  record Result(boolean passed, String report) {}

  Result run(CheckContext ctx);

  /** What a check may use. */
  record CheckContext(
      org.benchwright.engine.project.Project project,
      long runId,
      String task,
      String expectedSolution,
      java.util.function.Supplier<org.benchwright.engine.sandbox.RunSandbox> sandbox) {}
}
