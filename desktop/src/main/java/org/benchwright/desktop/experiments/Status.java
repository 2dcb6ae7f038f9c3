package org.benchwright.desktop.experiments;

import java.util.Locale;

/**
 * What became of an experiment, and the colour the tab gives it: in the table (a style class on the
 * row) and in the progress chart (the point's fill). Kept is green and discarded grey, as the issue
 * asks; a crash is red; baselines blue, so they read as reference points, not results.
 */
public enum Status {
  BASELINE("baseline", "#1f6fd1"),
  KEPT("kept", "#2e9d3a"),
  DISCARDED("discarded", "#8c8c8c"),
  CRASHED("crashed", "#d62b2b"),
  /** A status this version does not know (a newer engine's): shown, not charted as a result. */
  OTHER("other", "#b07d12"),
  /** The event's payload cannot be read. */
  UNREADABLE("unreadable", "#7a3fb0");

  private final String word;
  private final String colour;

  Status(String word, String colour) {
    this.word = word;
    this.colour = colour;
  }

  /** The recorded status word ("kept"); anything else is {@link #OTHER}. */
  public static Status of(String recorded) {
    if (recorded == null) {
      return OTHER;
    }
    for (Status s : values()) {
      if (s != OTHER && s != UNREADABLE && s.word.equals(recorded.toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    return OTHER;
  }

  public String word() {
    return word;
  }

  /** The row's style class, e.g. {@code experiment-kept}. */
  public String styleClass() {
    return "experiment-" + word;
  }

  /** The colour as #rrggbb, the one the chart paints and the row's marker uses. */
  public String colour() {
    return colour;
  }
}
