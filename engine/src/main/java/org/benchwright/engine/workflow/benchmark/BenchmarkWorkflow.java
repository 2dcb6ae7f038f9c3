package org.benchwright.engine.workflow.benchmark;

import java.util.List;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.WorkflowDefinition;
import org.benchwright.engine.agent.WorkflowPlugin;

/**
 * The benchmark generator (docs/benchmark-format.md): planner → coder → reviewer write a seeded
 * generator of MJCF scenes, accepted only when every sampled seed validates.
 */
public final class BenchmarkWorkflow implements WorkflowPlugin {

  @Override
  public List<WorkflowDefinition> workflows() {
    return List.of(WorkflowDefinition.load(BenchmarkWorkflow.class, "benchmark-generator.json"));
  }

  /** validate_mjcf: the engineer's nodes name it too. */
  @Override
  public List<Tool> tools() {
    return List.of(new ValidateMjcfTool());
  }

  @Override
  public List<NamedCheck> checks() {
    return List.of(new NamedCheck(BenchmarkAcceptance.NAME, new BenchmarkAcceptance()));
  }
}
