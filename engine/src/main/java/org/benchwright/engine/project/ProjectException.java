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
}
