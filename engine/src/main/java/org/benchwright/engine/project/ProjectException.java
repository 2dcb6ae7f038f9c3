package org.benchwright.engine.project;

/**
 * A project file could not be created, opened or written. The message says what happened and what
 * the user can do; the cause keeps the library detail.
 */
public class ProjectException extends RuntimeException {

  public ProjectException(String message) {
    super(message);
  }

  public ProjectException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Another process holds the project open for writing. */
  public static final class Locked extends ProjectException {
    private final String holder;

    public Locked(String message, String holder) {
      super(message);
      this.holder = holder;
    }

    /** A description of the process holding the lock, as it wrote it. */
    public String holder() {
      return holder;
    }
  }

  /** The file is not a Benchwright project (not SQLite, or SQLite without our tables). */
  public static final class NotAProject extends ProjectException {
    public NotAProject(String message) {
      super(message);
    }

    public NotAProject(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The file is a project but damaged (truncated, malformed). */
  public static final class Corrupt extends ProjectException {
    public Corrupt(String message) {
      super(message);
    }

    public Corrupt(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The project was written by a newer Benchwright whose schema this version does not know. */
  public static final class TooNew extends ProjectException {
    public TooNew(String message) {
      super(message);
    }
  }

  /**
   * An event's payload cannot be read as its type says: the log keeps it as it is, and readers that
   * show events show it as unreadable instead of failing the whole run.
   */
  public static final class UnreadableEvent extends ProjectException {
    /** What is wrong with the payload. */
    public enum Problem {
      NOT_JSON("its payload is not valid JSON"),
      NOT_AN_OBJECT("its payload is not a JSON object"),
      MISSING_FIELDS("its payload does not have the fields a %s event has");

      private final String text;

      Problem(String text) {
        this.text = text;
      }

      /** The problem in words, for "this event cannot be shown: ..." */
      public String describe(EventType type) {
        return String.format(java.util.Locale.ROOT, text, type);
      }
    }

    private final long runId;
    private final long seq;
    private final EventType type;
    private final Problem problem;

    public UnreadableEvent(long runId, long seq, EventType type, Problem problem, Throwable cause) {
      super(
          "Event "
              + seq
              + " of run "
              + runId
              + " ("
              + type
              + ") cannot be read: "
              + problem.describe(type)
              + (cause == null || cause.getMessage() == null
                  ? "."
                  : " (" + cause.getMessage().lines().findFirst().orElse("") + ")."),
          cause);
      this.runId = runId;
      this.seq = seq;
      this.type = type;
      this.problem = problem;
    }

    public long runId() {
      return runId;
    }

    public long seq() {
      return seq;
    }

    public EventType type() {
      return type;
    }

    public Problem problem() {
      return problem;
    }
  }
}
