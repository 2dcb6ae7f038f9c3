package org.benchwright.desktop.automl;

import java.util.Comparator;
import java.util.function.Function;

/**
 * The columns of the leaderboard table: what each shows and how it sorts. Sorting lives here so the
 * unit test checks the order a click on a header gives. Rows without a value (a crash has no CV
 * score) sort after those with one in both directions, and ties keep the engine's rank order.
 */
public enum LeaderboardColumn {
  RANK(
      "#",
      r -> r.rank() == 0 ? "–" : String.valueOf(r.rank()),
      r -> r.rank() == 0 ? null : r.rank()),
  NAME("name", LeaderboardRow::name, LeaderboardRow::name),
  MODEL("model", r -> r.row().model(), r -> r.row().model()),
  STATUS("status", r -> r.status().word(), r -> r.status().ordinal()),
  METRIC("metric", r -> nz(r.row().metric()), r -> r.row().metric()),
  CV_MEAN("CV mean", r -> LeaderboardRow.score(r.row().cvMean()), r -> r.row().cvMean()),
  CV_STD("± std", r -> LeaderboardRow.score(r.row().cvStd()), r -> r.row().cvStd()),
  FIT("fit s", r -> LeaderboardRow.seconds(r.row().fitSeconds()), r -> r.row().fitSeconds()),
  PREDICT(
      "predict s",
      r -> LeaderboardRow.seconds(r.row().predictSeconds()),
      r -> r.row().predictSeconds()),
  MEMORY("memory MB", r -> LeaderboardRow.whole(r.row().memoryMb()), r -> r.row().memoryMb()),
  WALL("wall s", r -> LeaderboardRow.seconds(r.row().wallSeconds()), r -> r.row().wallSeconds()),
  BUDGET(
      "budget s",
      r -> LeaderboardRow.seconds(r.row().budgetSeconds()),
      r -> r.row().budgetSeconds()),
  TRIALS(
      "trials",
      r -> r.row().trials() == null ? "" : r.row().trials().toString(),
      r -> r.row().trials()),
  REASON("reason", LeaderboardRow::reason, r -> r.reason().isEmpty() ? null : r.reason());

  private final String header;
  private final Function<LeaderboardRow, String> text;
  private final Function<LeaderboardRow, ? extends Comparable<?>> key;

  <K extends Comparable<? super K>> LeaderboardColumn(
      String header, Function<LeaderboardRow, String> text, Function<LeaderboardRow, K> key) {
    this.header = header;
    this.text = text;
    this.key = key;
  }

  public String header() {
    return header;
  }

  public String text(LeaderboardRow row) {
    return text.apply(row);
  }

  /**
   * The order a header sorted {@code ascending} or not shows: descending reverses the values but
   * keeps empty ones last, so crashes never push the scores off the top.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Comparator<LeaderboardRow> order(boolean ascending) {
    return (a, b) -> {
      Comparable ka = key.apply(a);
      Comparable kb = key.apply(b);
      if (ka == null || kb == null) {
        return ka == kb ? engineOrder(a, b) : (ka == null ? 1 : -1);
      }
      int c = ascending ? ka.compareTo(kb) : kb.compareTo(ka);
      return c != 0 ? c : engineOrder(a, b);
    };
  }

  /** The engine's ranking: scored rows by rank, then the unscored ones as recorded. */
  static int engineOrder(LeaderboardRow a, LeaderboardRow b) {
    if (a.rank() != 0 && b.rank() != 0) {
      return Integer.compare(a.rank(), b.rank());
    }
    if (a.rank() != b.rank()) {
      return a.rank() == 0 ? 1 : -1;
    }
    return Long.compare(a.seq(), b.seq());
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
