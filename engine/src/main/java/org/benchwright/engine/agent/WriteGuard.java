package org.benchwright.engine.agent;

import java.util.Optional;
import org.benchwright.engine.project.Project;

/**
 * Which of a run's files a node's write tools ({@code write_file}, {@code edit_file}) may change. A
 * plug-in registers one by name ({@link WorkflowPlugin#writeGuards()}) and a node names it in its
 * workflow file ({@code "write_guard"}); a node without one may write any file. Enforced in the
 * tools, not asked of the model: the experiment loop's read-only files stay read-only whatever the
 * model tries.
 */
@FunctionalInterface
public interface WriteGuard {

  /** Writes anything. */
  WriteGuard ANY = (project, runId, path) -> Optional.empty();

  /** Why {@code path} may not be written in this run, said to the model; empty when it may. */
  Optional<String> refusal(Project project, long runId, String path);
}
