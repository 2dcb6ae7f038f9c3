package org.benchwright.desktop.experiments;

import java.util.Comparator;
import java.util.function.Function;

/**
 * The columns of the experiments table: what each shows and how it sorts. Sorting lives here, not
 * in the table, so the tests check the same order a click on a header gives. Rows without a value
 * (a crash has no metric, an unreadable event has nothing) sort after those with one, whichever
 * direction the column sorts in, and ties fall back to the event's seq so the order is stable.
 */
public enum ExperimentColumn {
  INDEX("#", r -> r.index() == null ? "" : String.valueOf(r.index()), ExperimentRow::index),
  ID("id", ExperimentRow::id, r -> r.readable() ? r.id() : null),
  STATUS("status", r -> r.status().word(), r -> r.status().ordinal()),
  METRIC("metric", r -> ExperimentRow.number(r.metric()), ExperimentRow::metric),
  DELTA("Δ", r -> ExperimentRow.signed(r.delta()), ExperimentRow::delta),
  NOISE("noise", r -> ExperimentRow.number(r.noise()), ExperimentRow::noise),
  DURATION("duration", r -> ExperimentRow.seconds(r.durationMs()), ExperimentRow::durationMs),
  DESCRIPTION("hypothesis / change", ExperimentRow::description, ExperimentRow::description),
  FIX_ATTEMPT(
      "fix",
      r -> r.fixAttempt() == null || r.fixAttempt() == 0 ? "" : String.valueOf(r.fixAttempt()),
      ExperimentRow::fixAttempt);

  private final String header;
  private final Function<ExperimentRow, String> text;
  private final Function<ExperimentRow, ? extends Comparable<?>> key;

  <K extends Comparable<? super K>> ExperimentColumn(
      String header, Function<ExperimentRow, String> text, Function<ExperimentRow, K> key) {
    this.header = header;
    this.text = text;
    this.key = key;
  }

  public String header() {
    return header;
  }

  /** What the cell shows. */
  public String text(ExperimentRow row) {
    return text.apply(row);
  }

  /** Ascending order by this column, empty values last; the table reverses it for descending. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Comparator<ExperimentRow> ascending() {
    Comparator<ExperimentRow> byKey =
        (a, b) -> {
          Comparable ka = key.apply(a);
          Comparable kb = key.apply(b);
          return ka.compareTo(kb);
        };
    return (a, b) -> {
      boolean na = key.apply(a) == null;
      boolean nb = key.apply(b) == null;
      if (na || nb) {
        return na == nb ? Long.compare(a.seq(), b.seq()) : (na ? 1 : -1);
      }
      int c = byKey.compare(a, b);
      return c != 0 ? c : Long.compare(a.seq(), b.seq());
    };
  }

  /**
   * The order a table column sorted {@code ascending} or not shows: descending reverses the values
   * but still puts empty ones last, so crashes never push the best metrics off the top.
   */
  public Comparator<ExperimentRow> order(boolean ascending) {
    if (ascending) {
      return ascending();
    }
    Comparator<ExperimentRow> up = ascending();
    return (a, b) -> {
      boolean na = key.apply(a) == null;
      boolean nb = key.apply(b) == null;
      if (na || nb) {
        return up.compare(a, b);
      }
      return up.compare(b, a);
    };
  }
}
