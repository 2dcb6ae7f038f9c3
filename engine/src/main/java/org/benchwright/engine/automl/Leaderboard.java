package org.benchwright.engine.automl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.benchwright.engine.project.EventPayload.AutoMl;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;

/**
 * An automl run's candidates ranked, read from its AUTOML events (the event log is the only record;
 * a candidate trained again replaces its earlier row). Candidates that crashed, ran over their
 * budget or were refused keep their row, ranked after the scored ones, with the reason.
 */
public record Leaderboard(List<Row> rows) {

  /** Steps of AUTOML events. */
  public static final String PROFILE = "profile";

  public static final String PLAN = "plan";
  public static final String CANDIDATE = "candidate";
  public static final String ENSEMBLE = "ensemble";
  public static final String PREDICTION = "prediction";

  /** Statuses of a candidate. */
  public static final String OK = "ok";

  public static final String CRASHED = "crashed";
  public static final String OVER_BUDGET = "over_budget";
  public static final String INVALID = "invalid";

  /**
   * One candidate (or the ensemble).
   *
   * @param seq the AUTOML event that recorded it, the link to its run events
   * @param execSeq the SANDBOX_EXEC event of its training, when it ran
   * @param modelFile the run file of its trained model, when it has one
   */
  public record Row(
      String name,
      String model,
      String status,
      String detail,
      String metric,
      String direction,
      Double cvMean,
      Double cvStd,
      List<Double> foldScores,
      Double fitSeconds,
      Double predictSeconds,
      Double memoryMb,
      Double wallSeconds,
      Double budgetSeconds,
      Integer trials,
      JsonNode params,
      long seq,
      Long execSeq,
      String modelFile,
      JsonNode data) {

    public boolean scored() {
      return OK.equals(status) && cvMean != null;
    }
  }

  public static Leaderboard of(Project project, long runId) {
    Map<String, Row> latest = new LinkedHashMap<>();
    try (var events = project.events().stream(runId, EnumSet.of(EventType.AUTOML))) {
      for (RecordedEvent e : (Iterable<RecordedEvent>) events::iterator) {
        AutoMl a = e.payload(AutoMl.class);
        if ((CANDIDATE.equals(a.step()) || ENSEMBLE.equals(a.step())) && a.name() != null) {
          latest.remove(a.name()); // re-trained: its new row goes last before ranking
          latest.put(a.name(), row(a, e.seq()));
        }
      }
    }
    return new Leaderboard(rank(new ArrayList<>(latest.values())));
  }

  private static Row row(AutoMl a, long seq) {
    JsonNode d =
        a.data() == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : a.data();
    List<Double> folds = new ArrayList<>();
    d.path("fold_scores").forEach(f -> folds.add(f.asDouble()));
    return new Row(
        a.name(),
        d.path("model").asText(a.step().equals(ENSEMBLE) ? "ensemble" : ""),
        a.status(),
        a.detail(),
        text(d, "metric"),
        text(d, "direction"),
        number(d, "cv_mean"),
        number(d, "cv_std"),
        List.copyOf(folds),
        number(d, "fit_seconds"),
        number(d, "predict_seconds"),
        number(d, "peak_memory_mb"),
        number(d, "wall_seconds"),
        number(d, "budget_seconds"),
        d.hasNonNull("trials") ? d.get("trials").asInt() : null,
        d.get("params"),
        seq,
        d.hasNonNull("exec_seq") ? d.get("exec_seq").asLong() : null,
        text(d, "model_file"),
        d);
  }

  private static List<Row> rank(List<Row> rows) {
    Comparator<Row> byScore =
        Comparator.comparingDouble(r -> "min".equals(r.direction()) ? r.cvMean() : -r.cvMean());
    List<Row> scored = new ArrayList<>(rows.stream().filter(Row::scored).sorted(byScore).toList());
    rows.stream().filter(r -> !r.scored()).forEach(scored::add);
    return List.copyOf(scored);
  }

  /** The best scored row (the ensemble when it wins). */
  public Optional<Row> best() {
    return rows.stream().filter(Row::scored).findFirst();
  }

  public Optional<Row> row(String name) {
    return rows.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /**
   * The model {@code best} or a named one, as {@code predict} and the export choose it.
   *
   * @throws IllegalArgumentException naming the models there are
   */
  public Row model(String nameOrBest) {
    Optional<Row> r = "best".equals(nameOrBest) ? best() : row(nameOrBest);
    if (r.isEmpty() || !r.get().scored() || r.get().modelFile() == null) {
      List<String> usable =
          rows.stream().filter(x -> x.scored() && x.modelFile() != null).map(Row::name).toList();
      throw new IllegalArgumentException(
          (r.isEmpty()
                  ? "No model named '" + nameOrBest + "' in this run"
                  : "'" + nameOrBest + "' has no trained model (" + r.get().status() + ")")
              + (usable.isEmpty()
                  ? "; the run has trained none."
                  : "; trained models: best, " + String.join(", ", usable) + "."));
    }
    return r.get();
  }

  private static final String[] HEADER = {
    "rank",
    "name",
    "model",
    "status",
    "metric",
    "cv_mean",
    "cv_std",
    "fit_seconds",
    "predict_seconds",
    "peak_memory_mb",
    "wall_seconds",
    "budget_seconds",
    "trials",
    "event",
    "reason"
  };

  /** The table as CSV (RFC 4180), one row per candidate, ranked. */
  public String csv() {
    StringBuilder sb = new StringBuilder(String.join(",", HEADER)).append("\r\n");
    int rank = 0;
    for (Row r : rows) {
      List<String> cells =
          List.of(
              r.scored() ? Integer.toString(++rank) : "",
              r.name(),
              r.model(),
              r.status(),
              nz(r.metric()),
              fmt(r.cvMean()),
              fmt(r.cvStd()),
              fmt(r.fitSeconds()),
              fmt(r.predictSeconds()),
              fmt(r.memoryMb()),
              fmt(r.wallSeconds()),
              fmt(r.budgetSeconds()),
              r.trials() == null ? "" : r.trials().toString(),
              Long.toString(r.seq()),
              // The reason's first line: a traceback's is what went wrong (the event has all).
              r.scored() ? "" : nz(r.detail()).lines().findFirst().orElse(""));
      sb.append(String.join(",", cells.stream().map(Leaderboard::csvCell).toList())).append("\r\n");
    }
    return sb.toString();
  }

  /** The table as aligned text, for a terminal and for the agents. */
  public String render() {
    if (rows.isEmpty()) {
      return "No candidate has been trained yet.\n";
    }
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-4s %-16s %-13s %-11s %-8s %10s %9s %8s %8s %7s %6s%n",
                "rank",
                "name",
                "model",
                "status",
                "metric",
                "cv_mean",
                "± std",
                "fit_s",
                "wall_s",
                "mem_mb",
                "trials"));
    int rank = 0;
    for (Row r : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-4s %-16s %-13s %-11s %-8s %10s %9s %8s %8s %7s %6s%n",
              r.scored() ? Integer.toString(++rank) : "-",
              r.name(),
              r.model(),
              r.status(),
              nz(r.metric()),
              fmt(r.cvMean()),
              fmt(r.cvStd()),
              fmt(r.fitSeconds()),
              fmt(r.wallSeconds()),
              r.memoryMb() == null ? "" : String.format(Locale.ROOT, "%.0f", r.memoryMb()),
              r.trials() == null ? "" : r.trials().toString()));
      if (!r.scored() && r.detail() != null) {
        sb.append("     ").append(r.detail().lines().findFirst().orElse("")).append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * The table for the agents: ranks, scores, trials, status and reasons, without times or memory,
   * so that what a model reads does not vary between identical runs (a replay compares it).
   */
  public String summary() {
    if (rows.isEmpty()) {
      return "No candidate has been trained yet.\n";
    }
    StringBuilder sb = new StringBuilder();
    int rank = 0;
    for (Row r : rows) {
      if (r.scored()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "%d. %s (%s): %s %.4f ± %.4f, %s trials%n",
                ++rank,
                r.name(),
                r.model(),
                nz(r.metric()),
                r.cvMean(),
                r.cvStd() == null ? 0.0 : r.cvStd(),
                r.trials() == null ? "1" : r.trials().toString()));
      } else {
        sb.append("-  ").append(r.name()).append(" (").append(r.model()).append("): ");
        sb.append(r.status()).append(" — ").append(nz(r.detail())).append('\n');
      }
    }
    return sb.toString();
  }

  private static String csvCell(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }

  private static String fmt(Double d) {
    return d == null ? "" : String.format(Locale.ROOT, "%.4f", d);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String text(JsonNode d, String f) {
    return d.hasNonNull(f) ? d.get(f).asText() : null;
  }

  private static Double number(JsonNode d, String f) {
    return d.hasNonNull(f) && d.get(f).isNumber() ? d.get(f).asDouble() : null;
  }
}
