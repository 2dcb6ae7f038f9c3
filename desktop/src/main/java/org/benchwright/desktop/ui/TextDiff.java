package org.benchwright.desktop.ui;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two versions of a text, line by line: the one diff of the desktop (the code
 * editor's diff view, the skills browser's version history).
 */
public final class TextDiff {

  public static final int CONTEXT = 3;

  public enum Kind {
    HEADER,
    HUNK,
    CONTEXT,
    ADDED,
    REMOVED
  }

  /** One line of the diff as shown, without its +/- marker in {@code text}. */
  public record Line(Kind kind, String text) {
    /** The line as unified diff text shows it. */
    public String shown() {
      return switch (kind) {
        case ADDED -> "+" + text;
        case REMOVED -> "-" + text;
        case CONTEXT -> " " + text;
        case HEADER, HUNK -> text;
      };
    }
  }

  private TextDiff() {}

  /**
   * The changes from {@code before} (null when there was none) to {@code after}, headed by the two
   * labels, with {@value #CONTEXT} lines of context; empty when the two are the same.
   */
  public static List<Line> between(String from, String to, String before, String after) {
    List<String> old = before == null ? List.of() : lines(before);
    List<String> now = lines(after);
    Patch<String> patch = DiffUtils.diff(old, now);
    if (patch.getDeltas().isEmpty()) {
      return List.of();
    }
    List<Line> out = new ArrayList<>();
    for (String l : UnifiedDiffUtils.generateUnifiedDiff(from, to, old, patch, CONTEXT)) {
      if (l.startsWith("--- ") || l.startsWith("+++ ")) {
        out.add(new Line(Kind.HEADER, l));
      } else if (l.startsWith("@@")) {
        out.add(new Line(Kind.HUNK, l));
      } else if (l.startsWith("+")) {
        out.add(new Line(Kind.ADDED, l.substring(1)));
      } else if (l.startsWith("-")) {
        out.add(new Line(Kind.REMOVED, l.substring(1)));
      } else {
        out.add(new Line(Kind.CONTEXT, l.isEmpty() ? l : l.substring(1)));
      }
    }
    return out;
  }

  /** The diff as unified diff text, one line each. */
  public static String render(List<Line> lines) {
    StringBuilder sb = new StringBuilder();
    lines.forEach(l -> sb.append(l.shown()).append('\n'));
    return sb.toString();
  }

  private static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : List.of(text.split("\r?\n", -1));
  }
}
