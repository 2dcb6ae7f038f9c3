package org.benchwright.engine.experiments;

import java.util.List;
import java.util.Locale;

/**
 * Keep or discard, with the numbers: a change is kept only when it beats the best by more than the
 * noise measured on the repeated baseline runs (their spread) or the user's minimum delta,
 * whichever is larger — so a noise-level "improvement" is not kept.
 */
public final class Judge {

  /** What was decided and why, in one sentence with the numbers. */
  public record Decision(boolean keep, double delta, double threshold, String reason) {}

  private Judge() {}

  /** The noise band of repeated measurements of one configuration: their spread (max − min). */
  public static double noise(List<Double> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("the noise needs at least one baseline run");
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double r : runs) {
      lo = Math.min(lo, r);
      hi = Math.max(hi, r);
    }
    return hi - lo;
  }

  /** The best of repeated baseline runs, as the direction reads it. */
  public static double best(List<Double> runs, Metric.Direction d) {
    return runs.stream()
        .mapToDouble(Double::doubleValue)
        .reduce(d == Metric.Direction.MAX ? Math::max : Math::min)
        .orElseThrow();
  }

  public static Decision decide(
      double best, double metric, double noise, double minDelta, Metric.Direction d) {
    double delta = metric - best;
    double gain = d == Metric.Direction.MAX ? delta : -delta;
    double threshold = Math.max(noise, minDelta);
    boolean keep = gain > threshold;
    String reason =
        String.format(
            Locale.ROOT,
            "%s: %s %.6g vs best %.6g (Δ %+.6g); kept only beyond %.6g (%s)",
            keep ? "kept" : "discarded",
            d == Metric.Direction.MAX ? "higher is better," : "lower is better,",
            metric,
            best,
            delta,
            threshold,
            noise >= minDelta ? "the baseline's noise" : "the minimum delta");
    return new Decision(keep, delta, threshold, reason);
  }
}
