package org.benchwright.engine.mjcf;

/**
 * An MJCF scene cannot be loaded: malformed XML, a missing include, a value that is not a number.
 * The message names the file and, when known, the line.
 */
public final class MjcfLoadException extends RuntimeException {

  private final String file;
  private final int line;

  MjcfLoadException(String file, int line, String problem, Throwable cause) {
    super(file + (line > 0 ? ", line " + line : "") + ": " + problem, cause);
    this.file = file;
    this.line = line;
  }

  MjcfLoadException(String file, int line, String problem) {
    this(file, line, problem, null);
  }

  /** The file the problem is in (the main scene or an included file), run- or folder-relative. */
  public String file() {
    return file;
  }

  /** The 1-based line of the problem; 0 when unknown. */
  public int line() {
    return line;
  }
}
