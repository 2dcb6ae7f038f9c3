package org.benchwright.desktop.automl;

/**
 * What became of a candidate, and the colour the Leaderboard tab gives it in the table (a style
 * class on the row) and in the charts, so both agree. Scored is green, as kept experiments are; a
 * crash red; over budget amber (it ran, the budget stopped it); refused purple.
 */
public enum CandidateStatus {
  OK("ok", "#2e9d3a"),
  CRASHED("crashed", "#d62b2b"),
  OVER_BUDGET("over budget", "#b07d12"),
  INVALID("invalid", "#7a3fb0"),
  /** A status this version does not know (a newer engine's): listed, never charted. */
  OTHER("other", "#8c8c8c");

  private final String word;
  private final String colour;

  CandidateStatus(String word, String colour) {
    this.word = word;
    this.colour = colour;
  }

  /** The status the engine recorded ({@code over_budget}); anything else is {@link #OTHER}. */
  public static CandidateStatus of(String recorded) {
    if (recorded == null) {
      return OTHER;
    }
    return switch (recorded) {
      case "ok" -> OK;
      case "crashed" -> CRASHED;
      case "over_budget" -> OVER_BUDGET;
      case "invalid" -> INVALID;
      default -> OTHER;
    };
  }

  public String word() {
    return word;
  }

  /** The row's style class, e.g. {@code candidate-over-budget}. */
  public String styleClass() {
    return "candidate-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** #rrggbb, as the charts paint it. */
  public String colour() {
    return colour;
  }
}
