package org.benchwright.engine.workflow.benchmark;

import java.util.List;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.WorkflowDefinition;
import org.benchwright.engine.agent.WorkflowPlugin;
import org.benchwright.engine.settings.SettingScope;
import org.benchwright.engine.settings.SettingSpec;
import org.benchwright.engine.settings.SettingType;

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
  public List<SettingSpec> settings() {
    return List.of(
        SettingSpec.of(
            BenchmarkAcceptance.SEEDS,
            SettingScope.PROJECT,
            SettingType.integer(1, Integer.MAX_VALUE),
            Integer.toString(BenchmarkAcceptance.DEFAULT_SEEDS),
            "Seeds a generated benchmark must validate with before it is accepted"));
  }

  @Override
  public List<NamedCheck> checks() {
    return List.of(new NamedCheck(BenchmarkAcceptance.NAME, new BenchmarkAcceptance()));
  }
}
