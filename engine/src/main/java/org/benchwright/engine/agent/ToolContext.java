package org.benchwright.engine.agent;

import java.util.List;
import java.util.function.Supplier;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.RunSandbox;

/**
 * What a tool call may touch: the run's record, its sandbox (opened on first use), and the node it
 * runs in with the outcomes that node may submit.
 */
public record ToolContext(
    Project project,
    long runId,
    String node,
    Supplier<RunSandbox> sandbox,
    List<String> outcomes,
    WriteGuard writeGuard) {

  public ToolContext(
      Project project,
      long runId,
      String node,
      Supplier<RunSandbox> sandbox,
      List<String> outcomes) {
    this(project, runId, node, sandbox, outcomes, WriteGuard.ANY);
  }

  /** Why the node may not write {@code path}; empty when it may. */
  public java.util.Optional<String> writeRefusal(String path) {
    return writeGuard.refusal(project, runId, path);
  }

  /** The run's newest event: files and plans "now" are those at this step. */
  public long lastSeq() {
    return project.events().lastSeq(runId);
  }
}
