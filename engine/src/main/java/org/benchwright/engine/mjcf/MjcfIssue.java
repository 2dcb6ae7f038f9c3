package org.benchwright.engine.mjcf;

/**
 * One problem found in an MJCF file, at a 1-based line and column (0 when the parser could not tell
 * where).
 */
public record MjcfIssue(int line, int column, String message) {

  @Override
  public String toString() {
    return "line " + line + ", column " + column + ": " + message;
  }
}
