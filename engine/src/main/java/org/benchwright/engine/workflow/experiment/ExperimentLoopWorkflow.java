package org.benchwright.engine.workflow.experiment;

import java.util.List;
import java.util.Optional;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.ToolResult;
import org.benchwright.engine.agent.Tools;
import org.benchwright.engine.agent.WorkflowDefinition;
import org.benchwright.engine.agent.WorkflowPlugin;
import org.benchwright.engine.agent.WriteGuard;

/**
 * The experiment loop (autoresearch's shape, without its losses): an experimenter proposes one
 * change to the editable files, {@code run_experiment} runs it under a fixed budget and keeps or
 * discards it by the metric beyond the measured noise, and the loop goes on until its stop rule; an
 * analyst writes up the results. Every attempt, its diff, output and metric stay in the log.
 */
public final class ExperimentLoopWorkflow implements WorkflowPlugin {

  static final String GUARD = "experiment-editable";

  @Override
  public List<WorkflowDefinition> workflows() {
    return List.of(WorkflowDefinition.load(ExperimentLoopWorkflow.class, "experiment-loop.json"));
  }

  @Override
  public List<Tool> tools() {
    return List.of(
        new RunExperimentTool(),
        new RunExperimentsTool(),
        Tools.tool(
            "experiment_status",
            "The experiment loop's spec and its results table: every attempt with its status,"
                + " metric and hypothesis, the best so far and the directions that did not work.",
            Tools.schema().build(),
            (ctx, a) ->
                ExperimentSpec.recorded(ctx.project(), ctx.runId())
                    .map(
                        spec ->
                            ToolResult.ok(
                                describe(spec)
                                    + "\n"
                                    + ExperimentLog.of(ctx.project(), ctx.runId(), spec).render()))
                    .orElse(ToolResult.error("This run has no experiment spec."))));
  }

  @Override
  public List<NamedCheck> checks() {
    return List.of(
        new NamedCheck(LoopChecks.SETUP, LoopChecks::setup),
        new NamedCheck(LoopChecks.KEEP_GOING, LoopChecks::keepGoing));
  }

  @Override
  public List<NamedWriteGuard> writeGuards() {
    WriteGuard editable =
        (project, runId, path) -> {
          Optional<ExperimentSpec> spec = ExperimentSpec.recorded(project, runId);
          if (spec.isEmpty() || spec.get().isEditable(path)) {
            return Optional.empty();
          }
          return Optional.of(
              "'"
                  + path
                  + "' is read-only in this experiment loop; you may change only "
                  + String.join(", ", spec.get().editable())
                  + ".");
        };
    return List.of(new NamedWriteGuard(GUARD, editable));
  }

  static String describe(ExperimentSpec s) {
    return "Command: "
        + s.command()
        + "\nEditable: "
        + String.join(", ", s.editable())
        + " (everything else is read-only)\nMetric: "
        + (s.metric().regex() != null
            ? "last match of /" + s.metric().regex() + "/ in the output"
            : s.metric().jsonKey() + " in " + s.metric().jsonFile())
        + ", "
        + s.metric().direction().name().toLowerCase(java.util.Locale.ROOT)
        + "imised\nBudget: "
        + s.budgetSeconds()
        + " s per experiment (killed at the deadline); "
        + s.fixAttempts()
        + " fix attempts after a crash\nParallel: run_experiments runs up to "
        + (s.parallel() == null ? "the sandbox slot count of" : String.valueOf(s.parallel()))
        + " experiments at once\nStops: "
        + s.stopRule()
        + "\n";
  }
}
