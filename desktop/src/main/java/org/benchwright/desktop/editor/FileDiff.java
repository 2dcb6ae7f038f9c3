package org.benchwright.desktop.editor;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;

/** A unified diff of two versions of a text file, line by line, for the editor's diff view. */
final class FileDiff {

  static final int CONTEXT = 3;

  enum Kind {
    HEADER,
    HUNK,
    CONTEXT,
    ADDED,
    REMOVED
  }

  /** One line of the diff as shown, without its +/- marker in {@code text}. */
  record Line(Kind kind, String text) {
    /** The line as unified diff text shows it. */
    String shown() {
      return switch (kind) {
        case ADDED -> "+" + text;
        case REMOVED -> "-" + text;
        case CONTEXT -> " " + text;
        case HEADER, HUNK -> text;
      };
    }
  }

  private FileDiff() {}

  /**
   * The changes from {@code before} (null when the file did not exist) to {@code after}, with
   * {@value #CONTEXT} lines of context; empty when the two are the same.
   */
  static List<Line> between(String path, String before, String after, long beforeSeq, long seq) {
    List<String> old = before == null ? List.of() : lines(before);
    List<String> now = lines(after);
    Patch<String> patch = DiffUtils.diff(old, now);
    if (patch.getDeltas().isEmpty()) {
      return List.of();
    }
    String from = before == null ? "/dev/null" : "a/" + path + " (step " + beforeSeq + ")";
    String to = "b/" + path + " (step " + seq + ")";
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

  private static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : List.of(text.split("\r?\n", -1));
  }
}
