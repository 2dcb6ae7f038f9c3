package org.benchwright.desktop.experiments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the progress chart draws, computed from the rows (off the drawing code, so it can be tested
 * without a canvas): one point per experiment, the running best after each one as a step line, and
 * the noise band around it.
 *
 * <p>The running best after experiment <i>i</i>: a kept experiment's metric (it beat the best by
 * more than the noise, so it is the new best); after a baseline, the best the engine recorded with
 * it (it aggregates repeated baselines its own way), or, if it recorded none, the better of the
 * baseline's metric and the best so far; discarded and crashed experiments leave it unchanged. The
 * band is the best ± the noise the engine used for that experiment (the last one known when an
 * event carries none), so it shows the margin a change had to beat.
 *
 * @param points the experiments in index order (unreadable events are left out)
 * @param steps the running best after each point, where there is one
 * @param yMin the lowest value to show (metrics and band), padded
 * @param yMax the highest, padded
 * @param maxIndex the largest experiment index (the x axis runs 1..maxIndex)
 */
public record ProgressChart(
    List<Point> points,
    List<Step> steps,
    double yMin,
    double yMax,
    int maxIndex,
    String direction) {

  public static final ProgressChart EMPTY = new ProgressChart(List.of(), List.of(), 0, 1, 0, "min");

  /** One experiment: its index, its metric (null for a crash) and its status. */
  public record Point(int index, Double metric, Status status, long seq) {}

  /** The running best and noise band from experiment {@code index} up to the next step. */
  public record Step(int index, double best, double noise) {
    public double low() {
      return best - noise;
    }

    public double high() {
      return best + noise;
    }
  }

  /** Computes the chart of {@code rows} (any order). */
  public static ProgressChart of(List<ExperimentRow> rows) {
    List<ExperimentRow> readable =
        rows.stream()
            .filter(ExperimentRow::readable)
            .sorted(
                Comparator.comparingInt((ExperimentRow r) -> r.experiment().index())
                    .thenComparingLong(ExperimentRow::seq))
            .toList();
    if (readable.isEmpty()) {
      return EMPTY;
    }
    String direction =
        readable.stream()
            .map(r -> r.experiment().direction())
            .filter(d -> "max".equals(d) || "min".equals(d))
            .findFirst()
            .orElse("min");
    boolean max = direction.equals("max");
    List<Point> points = new ArrayList<>(readable.size());
    List<Step> steps = new ArrayList<>(readable.size());
    Double best = null;
    double noise = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int maxIndex = 0;
    for (ExperimentRow r : readable) {
      var x = r.experiment();
      Status status = r.status();
      Double metric = finite(x.metric());
      points.add(new Point(x.index(), status == Status.CRASHED ? null : metric, status, r.seq()));
      maxIndex = Math.max(maxIndex, x.index());
      if (finite(x.noise()) != null) {
        noise = Math.abs(x.noise());
      }
      switch (status) {
        case KEPT -> best = metric != null ? metric : best;
        case BASELINE -> {
          Double recorded = finite(x.best());
          if (recorded != null) {
            best = recorded;
          } else if (metric != null) {
            best = best == null ? metric : (max ? Math.max(best, metric) : Math.min(best, metric));
          }
        }
        default -> {
          if (best == null) {
            best = finite(x.best()); // joined late: the best the engine had at the time
          }
        }
      }
      if (metric != null && status != Status.CRASHED) {
        lo = Math.min(lo, metric);
        hi = Math.max(hi, metric);
      }
      if (best != null) {
        steps.add(new Step(x.index(), best, noise));
        lo = Math.min(lo, best - noise);
        hi = Math.max(hi, best + noise);
      }
    }
    if (lo > hi) { // nothing measured yet (every experiment crashed)
      lo = 0;
      hi = 1;
    }
    double pad = hi > lo ? (hi - lo) * 0.08 : Math.max(Math.abs(hi) * 0.05, 0.5);
    return new ProgressChart(
        List.copyOf(points), List.copyOf(steps), lo - pad, hi + pad, maxIndex, direction);
  }

  private static Double finite(Double v) {
    return v == null || v.isNaN() || v.isInfinite() ? null : v;
  }
}
