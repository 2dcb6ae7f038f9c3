package org.benchwright.engine.cad;

/**
 * What one solution unit pays for all copies of a part, in US dollars: material (printing and
 * molding: the part's mass; CNC: the bounding-box stock), machine time, and setup and tooling
 * amortised over the quantity.
 */
public record CostBreakdown(
    double materialUsd,
    double machineUsd,
    double setupUsd,
    double toolingUsd,
    double machineHours) {

  public double totalUsd() {
    return materialUsd + machineUsd + setupUsd + toolingUsd;
  }
}
