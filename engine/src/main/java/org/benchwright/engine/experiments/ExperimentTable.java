package org.benchwright.engine.experiments;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.benchwright.engine.project.EventPayload.Experiment;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;

/**
 * The experiments of one run, in the order they were recorded.
 *
 * @param rows each experiment with the seq of its event
 */
public record ExperimentTable(long runId, List<Row> rows) {

  /** One experiment and where it is in the run's log. */
  public record Row(long seq, java.time.Instant at, Experiment e) {}

  public ExperimentTable {
    rows = List.copyOf(rows);
  }

  /** Reads the run's EXPERIMENT events (a page at a time). */
  public static ExperimentTable of(Project project, long runId) {
    List<Row> rows = new ArrayList<>();
    project.events().stream(runId, Set.of(EventType.EXPERIMENT))
        .forEach(
            (RecordedEvent ev) ->
                rows.add(new Row(ev.seq(), ev.timestamp(), ev.payload(Experiment.class))));
    return new ExperimentTable(runId, rows);
  }

  /** autoresearch's results.tsv columns, then ours. */
  public static final List<String> TSV_COLUMNS =
      List.of(
          "commit",
          "metric",
          "memory_gb",
          "status",
          "description",
          "duration_s",
          "delta",
          "parent",
          "noise",
          "fix_attempt",
          "seq");

  /**
   * Writes the table as TSV: one header line, one line per experiment, tabs and newlines folded.
   */
  public void writeTsv(Writer out) throws IOException {
    out.write(String.join("\t", TSV_COLUMNS));
    out.write('\n');
    for (Row r : rows) {
      Experiment e = r.e();
      List<String> cells =
          List.of(
              nz(e.id()),
              number(e.metric()),
              e.peakMemoryBytes() == null
                  ? ""
                  : String.format(Locale.ROOT, "%.3f", e.peakMemoryBytes() / 1e9),
              nz(e.status()),
              description(e),
              String.format(Locale.ROOT, "%.1f", e.durationMs() / 1000.0),
              number(e.delta()),
              nz(e.parent()),
              number(e.noise()),
              String.valueOf(e.fixAttempt()),
              String.valueOf(r.seq()));
      out.write(String.join("\t", cells.stream().map(ExperimentTable::cell).toList()));
      out.write('\n');
    }
  }

  /** The table as people read it in a terminal. */
  public String render() {
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%4s  %-8s  %-9s  %12s  %10s  %8s  %s%n",
                "#",
                "id",
                "status",
                "metric",
                "delta",
                "time s",
                "hypothesis / change"));
    for (Row r : rows) {
      Experiment e = r.e();
      sb.append(
          String.format(
              Locale.ROOT,
              "%4d  %-8s  %-9s  %12s  %10s  %8.1f  %s%n",
              e.index(),
              nz(e.id()),
              nz(e.status()),
              number(e.metric()),
              number(e.delta()),
              e.durationMs() / 1000.0,
              cell(description(e))));
    }
    long kept = rows.stream().filter(r -> "kept".equals(r.e().status())).count();
    long crashed = rows.stream().filter(r -> "crashed".equals(r.e().status())).count();
    sb.append(
        String.format(
            Locale.ROOT, "%d experiments: %d kept, %d crashed%n", rows.size(), kept, crashed));
    return sb.toString();
  }

  static String description(Experiment e) {
    String h = nz(e.hypothesis());
    String s = nz(e.summary());
    return h.isEmpty() ? s : s.isEmpty() ? h : h + " — " + s;
  }

  private static String number(Double d) {
    return d == null || d.isNaN() ? "" : String.format(Locale.ROOT, "%.6g", d);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** A TSV cell: tabs and line breaks would break the row. */
  private static String cell(String s) {
    return s.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
  }
}
