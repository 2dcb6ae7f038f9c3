package org.benchwright.engine.workflow.engineer;

import java.util.ArrayList;
import java.util.List;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.WorkflowDefinition;
import org.benchwright.engine.agent.WorkflowPlugin;
import org.benchwright.engine.settings.SettingScope;
import org.benchwright.engine.settings.SettingSpec;
import org.benchwright.engine.settings.SettingType;

/**
 * The engineer workflow (docs/engineer-workflow.md): planner → engineer → critic solve a stored
 * benchmark with CAD parts, simulated per jittered variant and priced per process.
 */
public final class EngineerWorkflow implements WorkflowPlugin {

  @Override
  public List<WorkflowDefinition> workflows() {
    return List.of(WorkflowDefinition.load(EngineerWorkflow.class, "engineer.json"));
  }

  @Override
  public List<Tool> tools() {
    List<Tool> tools = new ArrayList<>(EvidenceTools.all());
    tools.add(new RefusePlanTool());
    tools.add(CadTools.preview());
    tools.add(CadTools.validateAndPrice());
    return tools;
  }

  /** Validated through Simulation.Request, so its limits stay in one place. */
  @Override
  public List<SettingSpec> settings() {
    return List.of(
        SettingSpec.of(
                Simulation.VARIANTS,
                SettingScope.PROJECT,
                SettingType.integer(1, Integer.MAX_VALUE),
                Integer.toString(Simulation.DEFAULT_VARIANTS),
                "Jittered benchmark variants each simulate call runs")
            .checkedBy(
                (key, v) ->
                    new Simulation.Request(
                        Simulation.DEFAULT_SOLUTION,
                        Integer.parseInt(v),
                        Simulation.DEFAULT_SECONDS)),
        SettingSpec.of(
                Simulation.SECONDS,
                SettingScope.PROJECT,
                SettingType.decimal(),
                SettingType.decimal().toStored(Double.toString(Simulation.DEFAULT_SECONDS)),
                "Simulated seconds per variant")
            .checkedBy(
                (key, v) ->
                    new Simulation.Request(
                        Simulation.DEFAULT_SOLUTION,
                        Simulation.DEFAULT_VARIANTS,
                        Double.parseDouble(v))));
  }

  @Override
  public List<NamedCheck> checks() {
    return List.of(
        new NamedCheck(LoadBenchmark.NAME, new LoadBenchmark()),
        new NamedCheck(SolutionAcceptance.NAME, new SolutionAcceptance()));
  }
}
