package org.benchwright.engine.agent;

/**
 * Steering of one live run from another thread: pause, step one event at a time, resume, cancel.
 * The run calls {@link #awaitTurn()} before everything it records.
 */
public final class RunControl {

  /** Thrown inside the run when it has been cancelled. */
  static final class Cancelled extends RuntimeException {
    Cancelled() {
      super("The run was cancelled.", null, false, false);
    }
  }

  private boolean paused;
  private int steps;
  private boolean cancelled;

  public synchronized void pause() {
    paused = true;
    steps = 0;
  }

  /** While paused: let exactly one more event happen, then pause again. */
  public synchronized void step() {
    steps++;
    notifyAll();
  }

  public synchronized void resume() {
    paused = false;
    notifyAll();
  }

  public synchronized void cancel() {
    cancelled = true;
    notifyAll();
  }

  public synchronized boolean isPaused() {
    return paused;
  }

  public synchronized boolean isCancelled() {
    return cancelled;
  }

  /** Blocks while paused (unless a step was granted); throws if cancelled. */
  synchronized void awaitTurn() {
    while (true) {
      if (cancelled) {
        throw new Cancelled();
      }
      if (!paused) {
        return;
      }
      if (steps > 0) {
        steps--;
        return;
      }
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancelled = true;
      }
    }
  }
}
