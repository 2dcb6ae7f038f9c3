package org.benchwright.engine.workflow.engineer;

import java.util.ArrayList;
import java.util.List;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.WorkflowDefinition;
import org.benchwright.engine.agent.WorkflowPlugin;

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

  @Override
  public List<NamedCheck> checks() {
    return List.of(
        new NamedCheck(LoadBenchmark.NAME, new LoadBenchmark()),
        new NamedCheck(SolutionAcceptance.NAME, new SolutionAcceptance()));
  }
}
