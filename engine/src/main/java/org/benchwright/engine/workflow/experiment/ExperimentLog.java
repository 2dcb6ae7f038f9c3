package org.benchwright.engine.workflow.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.benchwright.engine.experiments.ExperimentTable;
import org.benchwright.engine.experiments.Judge;
import org.benchwright.engine.experiments.Metric;
import org.benchwright.engine.project.EventPayload.Experiment;
import org.benchwright.engine.project.Project;

/**
 * Where a loop stands, folded from its EXPERIMENT events (nothing else is kept, so a killed process
 * resumes from the log): the baseline's runs and noise, the best metric and the kept attempt whose
 * files are the baseline of the next one, and the table the agent reads instead of its history.
 */
final class ExperimentLog {

  /** Statuses as recorded (and read by the CLI and the desktop). */
  static final String BASELINE = "baseline";

  static final String KEPT = "kept";
  static final String DISCARDED = "discarded";
  static final String CRASHED = "crashed";

  /**
   * Beyond this many experiments the table shows the kept ones and the newest, and counts the rest.
   */
  static final int TABLE_ROWS = 120;

  private final ExperimentSpec spec;
  private final List<ExperimentTable.Row> rows;

  private ExperimentLog(ExperimentSpec spec, List<ExperimentTable.Row> rows) {
    this.spec = spec;
    this.rows = rows;
  }

  static ExperimentLog of(Project project, long runId, ExperimentSpec spec) {
    return new ExperimentLog(spec, ExperimentTable.of(project, runId).rows());
  }

  List<ExperimentTable.Row> rows() {
    return rows;
  }

  List<Double> baselineMetrics() {
    return rows.stream()
        .map(ExperimentTable.Row::e)
        .filter(e -> BASELINE.equals(e.status()) && e.metric() != null)
        .map(Experiment::metric)
        .toList();
  }

  boolean hasBaseline() {
    return baselineMetrics().size() >= spec.baselineRuns();
  }

  double noise() {
    return Judge.noise(baselineMetrics());
  }

  /** The metric to beat: the newest kept attempt's, or the best baseline run. */
  double best() {
    for (ExperimentTable.Row r : rows.reversed()) {
      if (KEPT.equals(r.e().status())) {
        return r.e().metric();
      }
    }
    return Judge.best(baselineMetrics(), spec.metric().direction());
  }

  /** The kept row (or last baseline run) whose files the next attempt starts from; null before. */
  ExperimentTable.Row keptRow() {
    for (ExperimentTable.Row r : rows.reversed()) {
      if (KEPT.equals(r.e().status())
          || (BASELINE.equals(r.e().status()) && r.e().metric() != null)) {
        return r;
      }
    }
    return null;
  }

  /** How many experiments (not baseline runs) have been tried; fix attempts count once. */
  int experiments() {
    return (int) rows.stream().mapToInt(r -> r.e().index()).filter(i -> i > 0).distinct().count();
  }

  int nextIndex() {
    return rows.stream().mapToInt(r -> r.e().index()).max().orElse(0) + 1;
  }

  ExperimentTable.Row last() {
    return rows.isEmpty() ? null : rows.getLast();
  }

  /** The table the agent reads at the start of every experiment. */
  String render() {
    StringBuilder sb = new StringBuilder();
    Metric.Direction d = spec.metric().direction();
    if (hasBaseline()) {
      ExperimentTable.Row kept = keptRow();
      sb.append(
          String.format(
              Locale.ROOT,
              "Best so far: %s (%s, %s); %s is better. Baseline noise %s over %d runs; a change is"
                  + " kept only when it beats the best by more than %s.%n",
              num(best()),
              kept.e().index() == 0 ? "the baseline" : "experiment #" + kept.e().index(),
              kept.e().id(),
              d == Metric.Direction.MIN ? "lower" : "higher",
              num(noise()),
              baselineMetrics().size(),
              num(Math.max(noise(), spec.minDelta()))));
    } else {
      sb.append("No baseline yet: the first run_experiment measures it.\n");
    }
    // One line per experiment: its last attempt (a crash fixed twice shows how it ended).
    Map<Integer, ExperimentTable.Row> byIndex = new LinkedHashMap<>();
    for (ExperimentTable.Row r : rows) {
      if (r.e().index() > 0) {
        byIndex.put(r.e().index(), r);
      }
    }
    List<ExperimentTable.Row> shown = new ArrayList<>(byIndex.values());
    int hidden = 0;
    if (shown.size() > TABLE_ROWS) {
      List<ExperimentTable.Row> newest = shown.subList(shown.size() - TABLE_ROWS / 2, shown.size());
      List<ExperimentTable.Row> keep = new ArrayList<>();
      for (ExperimentTable.Row r : shown) {
        if (KEPT.equals(r.e().status()) || newest.contains(r)) {
          keep.add(r);
        }
      }
      hidden = shown.size() - keep.size();
      shown = keep;
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%n%-4s %-8s %-9s %-12s %-12s %s%n",
            "#",
            "id",
            "status",
            "metric",
            "delta",
            "hypothesis — change"));
    for (ExperimentTable.Row r : shown) {
      Experiment e = r.e();
      sb.append(
          String.format(
              Locale.ROOT,
              "%-4d %-8s %-9s %-12s %-12s %s%s%n",
              e.index(),
              e.id(),
              e.status(),
              e.metric() == null ? "-" : num(e.metric()),
              e.delta() == null ? "-" : String.format(Locale.ROOT, "%+.6g", e.delta()),
              clip(e.hypothesis(), 90),
              e.summary() == null || e.summary().isBlank() ? "" : " — " + clip(e.summary(), 90)));
    }
    if (hidden > 0) {
      sb.append("(")
          .append(hidden)
          .append(
              " older discarded or crashed experiments not shown; their directions are below)\n");
    }
    if (byIndex.isEmpty()) {
      sb.append("(no experiments yet)\n");
    }
    List<String> failed = new ArrayList<>();
    for (ExperimentTable.Row r : byIndex.values()) {
      if (!KEPT.equals(r.e().status())) {
        failed.add(
            "#" + r.e().index() + " " + clip(r.e().hypothesis(), 60) + " (" + r.e().status() + ")");
      }
    }
    if (!failed.isEmpty()) {
      List<String> listed =
          failed.size() > 200 ? failed.subList(failed.size() - 200, failed.size()) : failed;
      sb.append("\nDirections that did not work (do not repeat them): ")
          .append(String.join("; ", listed))
          .append('\n');
    }
    return sb.toString();
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  static String clip(String s, int max) {
    if (s == null) {
      return "";
    }
    String flat = s.replaceAll("\\s+", " ").strip();
    return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
  }
}
