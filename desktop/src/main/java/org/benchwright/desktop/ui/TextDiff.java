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
    // Read back through parse, which follows the hunk counts: a removed line "-- x" is then a
    // removal, where a prefix test took it for a "--- " file header.
    return parse(
        String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(from, to, old, patch, CONTEXT)));
  }

  /**
   * Reads unified diff text (what {@code diff -u} or {@code git diff} writes, e.g. a recorded
   * experiment's diff) into lines. Hunk headers give the number of old and new lines, so a removed
   * line that itself starts with "-- " is not taken for a file header; lines outside hunks ("diff
   * --git", "index", "---", "+++") are headers.
   */
  public static List<Line> parse(String unified) {
    List<Line> out = new ArrayList<>();
    if (unified == null || unified.isEmpty()) {
      return out;
    }
    int oldLeft = 0;
    int newLeft = 0;
    for (String l : unified.split("\r?\n", -1)) {
      if (oldLeft > 0 || newLeft > 0) {
        if (l.startsWith("+")) {
          out.add(new Line(Kind.ADDED, l.substring(1)));
          newLeft--;
        } else if (l.startsWith("-")) {
          out.add(new Line(Kind.REMOVED, l.substring(1)));
          oldLeft--;
        } else if (l.startsWith("\\")) {
          out.add(new Line(Kind.HEADER, l)); // "\ No newline at end of file"
        } else {
          out.add(new Line(Kind.CONTEXT, l.isEmpty() ? l : l.substring(1)));
          oldLeft--;
          newLeft--;
        }
      } else if (l.startsWith("@@")) {
        out.add(new Line(Kind.HUNK, l));
        java.util.regex.Matcher m = HUNK.matcher(l);
        if (m.find()) {
          oldLeft = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
          newLeft = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
        }
      } else if (!l.isEmpty() || out.isEmpty()) {
        out.add(new Line(Kind.HEADER, l));
      }
    }
    return out;
  }

  private static final java.util.regex.Pattern HUNK =
      java.util.regex.Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");

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
