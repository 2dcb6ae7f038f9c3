package org.benchwright.engine.workflow.automl;

import java.util.List;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.WorkflowDefinition;
import org.benchwright.engine.agent.WorkflowPlugin;
import org.benchwright.engine.automl.AutoMlSettings;
import org.benchwright.engine.settings.SettingSpec;

/**
 * AutoML (ADR 0039): a dataset of the project in, a plan approved, candidates trained and tuned in
 * the ml sandbox under a hard budget, an ensemble, a leaderboard, a report. The model writes the
 * plan and any custom features; the harness ({@code bw_automl.py}) does the reliable parts.
 */
public final class AutoMlWorkflow implements WorkflowPlugin {

  @Override
  public List<WorkflowDefinition> workflows() {
    return List.of(WorkflowDefinition.load(AutoMlWorkflow.class, "automl.json"));
  }

  @Override
  public List<Tool> tools() {
    return AutoMlTools.all();
  }

  @Override
  public List<NamedCheck> checks() {
    return List.of(
        new NamedCheck(AutoMlRun.SETUP, AutoMlRun::setup),
        new NamedCheck(AutoMlRun.TRAINED, AutoMlRun::trained));
  }

  @Override
  public List<SettingSpec> settings() {
    return AutoMlSettings.specs();
  }
}
