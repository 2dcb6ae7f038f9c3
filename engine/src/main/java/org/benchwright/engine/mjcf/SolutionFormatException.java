package org.benchwright.engine.mjcf;

/** An engineer's solution cannot be placed in its benchmark scene; the message says why. */
public final class SolutionFormatException extends IllegalArgumentException {

  SolutionFormatException(String problem) {
    super(problem);
  }

  SolutionFormatException(String problem, Throwable cause) {
    super(problem, cause);
  }
}
