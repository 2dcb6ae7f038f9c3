package org.benchwright.engine.mjcf;

import java.util.List;

/**
 * One problem found in an MJCF file, at a 1-based line and column (0 when the parser could not tell
 * where).
 */
public record MjcfIssue(int line, int column, String message) {

  @Override
  public String toString() {
    return "line " + line + ", column " + column + ": " + message;
  }

  /** The first {@code limit} issues as the model reads them: "line N: message", one per line. */
  public static String lines(List<MjcfIssue> issues, int limit) {
    StringBuilder sb = new StringBuilder();
    issues.stream()
        .limit(limit)
        .forEach(
            i -> sb.append("line ").append(i.line()).append(": ").append(i.message()).append('\n'));
    return sb.toString();
  }
}
