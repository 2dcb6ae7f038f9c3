package org.benchwright.engine.workflow.capability;

import java.util.List;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.ToolSource;
import org.benchwright.engine.agent.WorkflowDefinition;
import org.benchwright.engine.agent.WorkflowPlugin;
import org.benchwright.engine.settings.SettingSpec;

/**
 * Capability synthesis (ADR 0038): asked something, the solver searches the project's verified
 * capabilities by meaning; above the threshold it calls the one it found, below it synthesizes one
 * test-first (spec, tests that fail against an empty implementation, code that passes them, all in
 * the sandbox), registers it, and answers through it. The tools are offered to every workflow.
 */
public final class CapabilityWorkflow implements WorkflowPlugin {

  @Override
  public List<WorkflowDefinition> workflows() {
    return List.of(WorkflowDefinition.load(CapabilityWorkflow.class, "capability-synthesis.json"));
  }

  @Override
  public List<Tool> tools() {
    return CapabilityTools.all();
  }

  @Override
  public List<ToolSource> toolSources() {
    return List.of(new PromotedCapabilities());
  }

  @Override
  public List<SettingSpec> settings() {
    List<SettingSpec> all = new java.util.ArrayList<>(CapabilitySettings.specs());
    all.add(PromotedCapabilities.setting());
    return all;
  }
}
