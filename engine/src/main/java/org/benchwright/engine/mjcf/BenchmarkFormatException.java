package org.benchwright.engine.mjcf;

/** benchmark.json is not valid JSON or does not have the documented shape. */
public final class BenchmarkFormatException extends IllegalArgumentException {

  private final String field;

  BenchmarkFormatException(String field, String problem, Throwable cause) {
    super("benchmark.json: " + (field.isEmpty() ? "" : field + ": ") + problem, cause);
    this.field = field;
  }

  BenchmarkFormatException(String field, String problem) {
    this(field, problem, null);
  }

  /** The dotted path of the offending field (e.g. {@code goal_zone.min}); empty for the file. */
  public String field() {
    return field;
  }
}
