package org.benchwright.engine.cad;

/**
 * Limits from a benchmark's constraints; {@code Double.POSITIVE_INFINITY} (see {@link #NONE}) means
 * no limit.
 */
public record Caps(double maxUnitCostUsd, double maxWeightG) {

  public static final Caps NONE = new Caps(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

  /** From benchmark.json's constraints, whose weight is in kilograms. */
  public static Caps ofKg(double maxUnitCostUsd, double maxWeightKg) {
    return new Caps(maxUnitCostUsd, maxWeightKg * 1000);
  }
}
