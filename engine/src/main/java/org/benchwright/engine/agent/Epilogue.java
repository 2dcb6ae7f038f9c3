package org.benchwright.engine.agent;

import java.util.List;
import java.util.Optional;

/**
 * A node a workflow may run after it succeeded (its definition names it as {@code epilogue}). The
 * run has succeeded either way: an epilogue that fails is recorded as an error, not a failed run.
 * The skill-writer is one: it runs when the run repeated one kind of failure before succeeding.
 */
public interface Epilogue {

  /** The node's name in the run's events; unique among the registered nodes and epilogues. */
  String name();

  WorkflowDefinition.Node node();

  /** What the node's submit offers. */
  List<String> outcomes();

  /**
   * The message that opens the node, or empty when it has nothing to do for this run.
   *
   * @param succeededWith the report the run succeeded with
   */
  Optional<String> opening(Check.CheckContext ctx, String succeededWith);
}
