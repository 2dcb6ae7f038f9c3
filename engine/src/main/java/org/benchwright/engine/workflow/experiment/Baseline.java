package org.benchwright.engine.workflow.experiment;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.benchwright.engine.experiments.Judge;
import org.benchwright.engine.project.Project;

/**
 * The baseline: the files as they are, run {@code baseline_runs} times, so the noise of the metric
 * is measured before any change is judged against it. Runs already recorded count (a resumed loop
 * measures only what is missing).
 */
final class Baseline {

  private Baseline() {}

  record Result(boolean complete, String summary, String problem) {}

  static Result measure(
      Project project,
      long runId,
      ExperimentSpec spec,
      ExperimentRunner runner,
      ExperimentLog log) {
    int have = log.baselineMetrics().size();
    for (int i = have; i < spec.baselineRuns(); i++) {
      ExperimentRunner.Attempt a = runner.run();
      if (!a.ok()) {
        String reason = a.crash(spec.budgetSeconds());
        runner.record(
            0,
            null,
            "baseline run " + (i + 1) + " of " + spec.baselineRuns(),
            "the files as given",
            ExperimentLog.CRASHED,
            a,
            null,
            null,
            null,
            reason + ": " + ExperimentRunner.tail(a.exec()),
            null,
            0);
        return new Result(false, null, reason + "\n" + ExperimentRunner.tail(a.exec()));
      }
      runner.record(
          0,
          null,
          "baseline run " + (i + 1) + " of " + spec.baselineRuns(),
          "the files as given",
          ExperimentLog.BASELINE,
          a,
          null,
          null,
          null,
          "baseline run " + (i + 1) + " of " + spec.baselineRuns(),
          null,
          0);
    }
    ExperimentLog now = ExperimentLog.of(project, runId, spec);
    List<Double> runs = now.baselineMetrics();
    return new Result(
        true,
        String.format(
            Locale.ROOT,
            "Baseline measured %d times: %s; best %s, noise %s.",
            runs.size(),
            runs.stream().map(ExperimentLog::num).collect(Collectors.joining(", ")),
            ExperimentLog.num(Judge.best(runs, spec.metric().direction())),
            ExperimentLog.num(Judge.noise(runs))),
        null);
  }
}
