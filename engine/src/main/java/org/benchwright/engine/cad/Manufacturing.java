package org.benchwright.engine.cad;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prices a part and checks that its process can make it (docs/decisions/0016). Costs follow the
 * DOMAIN formulas with the project's {@link CadTables}; the mesh is in millimetres.
 */
public final class Manufacturing {

  private Manufacturing() {}

  /**
   * @throws IllegalArgumentException when the material is not in the tables
   */
  public static ManufacturingReport evaluate(Part part, CadTables tables, Caps caps) {
    Material material = tables.material(part.material());
    MeshStats stats = MeshAnalysis.analyze(part.mesh());
    ProcessConstants k = tables.processes();
    double volumeMm3 = stats.volume();
    double volumeCm3 = volumeMm3 / 1000;
    double massG = material.massG(volumeMm3);
    int copies = part.copies();
    // The first copy pays the whole setup or tooling; each further identical copy a fraction.
    double setupShare = 1 + (copies - 1) * k.repeatedPart().setupFactor();
    double toolingShare = 1 + (copies - 1) * k.repeatedPart().toolingFactor();

    List<PartCheck> checks = new ArrayList<>();
    checks.add(ProcessChecks.watertight(stats));
    checks.add(ProcessChecks.singleBody(stats));
    double materialUsd, hours, setupUsd = 0, toolingUsd = 0;
    switch (part.process()) {
      case PRINTING -> {
        ProcessConstants.Printing p = k.printing();
        materialUsd = massG / 1000 * material.usdPerKg();
        hours = volumeCm3 / p.cm3PerHour();
        setupUsd = p.setupUsd() * setupShare;
      }
      case CNC -> {
        ProcessConstants.Cnc c = k.cnc();
        double stockMm3 = stats.bounds().volume();
        materialUsd = material.massG(stockMm3) / 1000 * material.usdPerKg();
        double minutes =
            Math.max(0, stockMm3 - volumeMm3) / c.removalMm3PerMin()
                + stats.surfaceArea() / (c.feedMmPerMin() * c.stepoverMm());
        hours = minutes / 60;
        setupUsd = c.setupUsd() * setupShare;
        checks.add(ProcessChecks.undercuts(part.mesh(), stats));
        checks.add(ProcessChecks.internalCorners(part.mesh(), stats, c.minToolRadiusMm()));
      }
      case INJECTION_MOLDING -> {
        ProcessConstants.Molding m = k.molding();
        materialUsd = massG / 1000 * material.usdPerKg();
        double seconds =
            Math.max(
                volumeCm3 / m.fillCm3PerS(), m.secondsPerMm() * stats.bounds().largestDimension());
        hours = seconds / 3600;
        toolingUsd =
            (m.toolingUsd() + m.toolingUsdPerCm2() * stats.surfaceArea() / 100) * toolingShare;
        checks.add(ProcessChecks.draft(part.mesh(), m.minDraftDeg()));
        checks.add(ProcessChecks.wallThickness(part.mesh(), stats, m.minWallMm(), m.maxWallMm()));
      }
      default -> throw new IllegalStateException("unhandled process " + part.process());
    }
    double machinePerHour =
        switch (part.process()) {
          case PRINTING -> k.printing().usdPerHour();
          case CNC -> k.cnc().usdPerHour();
          case INJECTION_MOLDING -> k.molding().usdPerHour();
        };
    CostBreakdown cost =
        new CostBreakdown(
            materialUsd * copies,
            hours * machinePerHour * copies,
            setupUsd / part.quantity(),
            toolingUsd / part.quantity(),
            hours * copies);
    double totalMassG = massG * copies;
    if (Double.isFinite(caps.maxUnitCostUsd())) {
      checks.add(
          new PartCheck(
              "max_unit_cost",
              cost.totalUsd() <= caps.maxUnitCostUsd(),
              String.format(
                  Locale.ROOT,
                  "$%.2f per unit against a cap of $%.2f",
                  cost.totalUsd(),
                  caps.maxUnitCostUsd())));
    }
    if (Double.isFinite(caps.maxWeightG())) {
      checks.add(
          new PartCheck(
              "max_weight",
              totalMassG <= caps.maxWeightG(),
              String.format(
                  Locale.ROOT, "%.2f g against a cap of %.2f g", totalMassG, caps.maxWeightG())));
    }
    return new ManufacturingReport(
        part.name(),
        material,
        part.process(),
        part.quantity(),
        copies,
        stats,
        massG,
        totalMassG,
        cost,
        checks);
  }
}
