package org.benchwright.desktop.fork;

/**
 * How a new fork goes on once it is made: the live runtime of the open project resumes it (live,
 * with its model, or as a live replay of its parent's recorded answers). Called off the FX thread.
 */
@FunctionalInterface
public interface ForkContinuation {

  /** What to do with a fork once it is made. */
  enum Mode {
    /** Leave it paused at its fork point; nothing runs. */
    PAUSED("Leave paused"),
    /** Continue live with the fork's model. */
    LIVE("Continue live"),
    /** Continue as a replay of the parent's recorded answers, flagging the first divergence. */
    REPLAY("Replay (recorded answers)");

    private final String label;

    Mode(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * Starts {@code forkId} going in {@code mode} ({@link Mode#LIVE} or {@link Mode#REPLAY}).
   *
   * @throws RuntimeException saying why it cannot (the fork itself stays made)
   */
  void start(long forkId, Mode mode);

  /** Where no live runtime is wired: only "Leave paused" works. */
  ForkContinuation NONE =
      (forkId, mode) -> {
        throw new IllegalStateException(
            "Runs cannot be continued in this window; fork " + forkId + " is left paused.");
      };
}
