package org.benchwright.engine.sandbox;

/** A sandbox could not be provided or used. The message says what to do about it. */
public final class SandboxException extends RuntimeException {

  /** What went wrong, for callers that react differently (the status bar, retries). */
  public enum Kind {
    ENGINE_UNREACHABLE,
    IMAGE_MISSING,
    DISK_FULL,
    CONTAINER_FAILED,
    TIMEOUT,
    CANCELLED,
    CLOSED
  }

  private final Kind kind;

  public SandboxException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public SandboxException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
