package org.benchwright.desktop.automl;

import java.util.Locale;
import org.benchwright.engine.automl.Leaderboard;

/**
 * One line of the Leaderboard tab: a candidate (or the ensemble) as {@link Leaderboard} ranked it.
 *
 * @param rank 1 for the best scored candidate; 0 for one that has no score (crashed, over budget,
 *     invalid), which the engine ranks after the scored ones
 */
public record LeaderboardRow(int rank, Leaderboard.Row row) {

  public String name() {
    return row.name();
  }

  public long seq() {
    return row.seq();
  }

  public CandidateStatus status() {
    return CandidateStatus.of(row.status());
  }

  public boolean scored() {
    return row.scored();
  }

  /** Why a candidate has no score, in its first line (the whole text is the cell's tooltip). */
  public String reason() {
    if (row.scored() || row.detail() == null) {
      return "";
    }
    return row.detail().strip().lines().findFirst().orElse("");
  }

  /** A score: four significant decimals, as the CLI's leaderboard prints them. */
  static String score(Double d) {
    return d == null ? "" : String.format(Locale.ROOT, "%.4f", d);
  }

  /** Seconds, to a tenth below a minute's worth of precision anyone reads. */
  static String seconds(Double d) {
    if (d == null) {
      return "";
    }
    return String.format(Locale.ROOT, d < 10 ? "%.2f" : "%.1f", d);
  }

  static String whole(Double d) {
    return d == null ? "" : String.format(Locale.ROOT, "%.0f", d);
  }
}
