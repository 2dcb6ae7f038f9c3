package org.benchwright.desktop.automl;

import java.util.ArrayList;
import java.util.List;

/**
 * What the Leaderboard tab's two charts draw, computed off the FX thread with the rows: each scored
 * candidate's CV mean with a whisker of ± one standard deviation, in rank order (best on the left),
 * and its fit time against that score. The value axis always runs upwards; which end is better is
 * the metric's direction, said in the label, so an rmse board reads as correctly as an accuracy
 * one. Only rows of the best row's metric are charted (a run compares candidates on one metric).
 *
 * @param failed the candidates without a score, drawn as crosses after the scored ones
 * @param yMin the value axis, padded so whiskers and points never touch the frame
 * @param fitMax the time axis of the scatter runs from 0 to this
 */
public record ScoreChart(
    String metric,
    String direction,
    List<Point> points,
    List<Failed> failed,
    double yMin,
    double yMax,
    double fitMax) {

  /** A scored candidate: its mean, its whisker's ends, and its fit time when recorded. */
  public record Point(
      String name, int rank, double mean, double low, double high, Double fitSeconds) {}

  public record Failed(String name, CandidateStatus status) {}

  public static final ScoreChart EMPTY = new ScoreChart(null, null, List.of(), List.of(), 0, 1, 1);

  public static ScoreChart of(List<LeaderboardRow> ranked) {
    String metric =
        ranked.stream()
            .filter(LeaderboardRow::scored)
            .map(r -> r.row().metric())
            .findFirst()
            .orElse(null);
    String direction =
        ranked.stream()
            .filter(LeaderboardRow::scored)
            .map(r -> r.row().direction())
            .findFirst()
            .orElse(null);
    List<Point> points = new ArrayList<>();
    List<Failed> failed = new ArrayList<>();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double fit = 0;
    for (LeaderboardRow r : ranked) {
      if (!r.scored()) {
        failed.add(new Failed(r.name(), r.status()));
        continue;
      }
      if (metric != null && r.row().metric() != null && !metric.equals(r.row().metric())) {
        continue;
      }
      double mean = r.row().cvMean();
      double std = r.row().cvStd() == null ? 0 : Math.abs(r.row().cvStd());
      Double fs = r.row().fitSeconds();
      points.add(new Point(r.name(), r.rank(), mean, mean - std, mean + std, fs));
      lo = Math.min(lo, mean - std);
      hi = Math.max(hi, mean + std);
      if (fs != null) {
        fit = Math.max(fit, fs);
      }
    }
    if (points.isEmpty()) {
      return new ScoreChart(metric, direction, List.of(), List.copyOf(failed), 0, 1, 1);
    }
    double span = hi - lo;
    // One candidate, or identical scores: a span around the value, so it sits mid-chart.
    double pad = span > 0 ? span * 0.08 : Math.max(Math.abs(hi) * 0.05, 0.01);
    return new ScoreChart(
        metric,
        direction,
        List.copyOf(points),
        List.copyOf(failed),
        lo - pad,
        hi + pad,
        fit > 0 ? fit * 1.1 : 1);
  }

  /** "rmse (lower is better)", the value axis's label. */
  public String axisLabel() {
    String m = metric == null ? "score" : metric;
    if ("min".equals(direction)) {
      return m + " (lower is better)";
    }
    if ("max".equals(direction)) {
      return m + " (higher is better)";
    }
    return m;
  }
}
