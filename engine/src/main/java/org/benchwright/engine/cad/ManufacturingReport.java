package org.benchwright.engine.cad;

import java.util.List;
import java.util.Locale;

/**
 * Weight, cost and checks of a part. Weight and cost cover all copies of the part in one solution
 * unit; {@code massG} is one copy.
 */
public record ManufacturingReport(
    String part,
    Material material,
    ManufacturingProcess process,
    int quantity,
    int copies,
    MeshStats stats,
    double massG,
    double totalMassG,
    CostBreakdown cost,
    List<PartCheck> checks) {

  public ManufacturingReport {
    checks = List.copyOf(checks);
  }

  public boolean passed() {
    return checks.stream().allMatch(PartCheck::passed);
  }

  public List<PartCheck> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  public double unitCostUsd() {
    return cost.totalUsd();
  }

  /** A few lines for a model or a person: figures, then each check. */
  public String summary() {
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%s: %s, %s, %d cop%s x quantity %d: %.2f g, $%.2f per unit (material %.2f,"
                    + " machine %.2f, setup %.2f, tooling %.2f)%n",
                part,
                material.name(),
                process.id(),
                copies,
                copies == 1 ? "y" : "ies",
                quantity,
                totalMassG,
                cost.totalUsd(),
                cost.materialUsd(),
                cost.machineUsd(),
                cost.setupUsd(),
                cost.toolingUsd()));
    for (PartCheck c : checks) {
      s.append(c.passed() ? "  PASS " : "  FAIL ")
          .append(c.name())
          .append(": ")
          .append(c.message())
          .append('\n');
    }
    return s.toString();
  }
}
