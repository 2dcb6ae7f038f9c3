package org.benchwright.engine.model;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between attempts: exponential from {@code first}, capped at {@code max}, with "equal
 * jitter" (half fixed, half random) so that parallel runs hit by the same rate limit spread out
 * instead of retrying in step.
 */
record Backoff(Duration first, Duration max) {

  static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

  /** The wait after failed attempt {@code attempt} (1-based). */
  Duration delay(int attempt) {
    long exponential = first.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(exponential, max.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }
}
