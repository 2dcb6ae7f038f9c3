package org.benchwright.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for something another thread or process does, with a deadline that fails the test. */
public final class Poll {

  private static final long INTERVAL_MS = 20;

  private Poll() {}

  /**
   * Returns once {@code condition} holds; fails with an {@link AssertionError} after {@code
   * timeout}. The condition runs on the calling thread.
   */
  public static void until(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("condition not reached within " + describe(timeout));
      }
      try {
        Thread.sleep(INTERVAL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for a condition", e);
      }
    }
  }

  private static String describe(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }
}
