package org.benchwright.engine.model;

import java.util.List;

/**
 * A model call failed. The message is a short sentence for the user saying what to do; it never
 * contains an API key (provider text quoted in it has the key redacted).
 */
public final class ModelException extends RuntimeException {

  /** What went wrong, for callers that react differently (retry, stop the run, ask for a key). */
  public enum Kind {
    AUTHENTICATION,
    RATE_LIMITED,
    TIMEOUT,
    SERVER_ERROR,
    BAD_REQUEST,
    NETWORK,
    CONFIGURATION,
    REPLAY_DIVERGED
  }

  private final Kind kind;
  private final int attempts;
  private final List<String> retries;

  public ModelException(Kind kind, String message) {
    this(kind, message, null);
  }

  public ModelException(Kind kind, String message, Throwable cause) {
    this(kind, message, cause, 0, List.of());
  }

  ModelException(Kind kind, String message, Throwable cause, int attempts, List<String> retries) {
    super(message, cause);
    this.kind = kind;
    this.attempts = attempts;
    this.retries = List.copyOf(retries);
  }

  public Kind kind() {
    return kind;
  }

  /** Whether the same call may succeed later: rate limits, server errors, timeouts, network. */
  public boolean retriable() {
    return switch (kind) {
      case RATE_LIMITED, TIMEOUT, SERVER_ERROR, NETWORK -> true;
      case AUTHENTICATION, BAD_REQUEST, CONFIGURATION, REPLAY_DIVERGED -> false;
    };
  }

  /**
   * How many times the gateway called the model before giving up: 1 when it did not retry, 0 when
   * it never got to call (a configuration error) or the exception did not come through the gateway.
   */
  public int attempts() {
    return attempts;
  }

  /** Why each earlier attempt failed, in order, as in {@link ModelCall#retries()}. */
  public List<String> retries() {
    return retries;
  }
}
