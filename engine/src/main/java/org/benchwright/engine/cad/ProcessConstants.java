package org.benchwright.engine.cad;

/** Cost constants and check limits per manufacturing process ({@code cad.processes}). */
public record ProcessConstants(
    Printing printing, Cnc cnc, Molding molding, RepeatedPart repeatedPart) {

  /** 3D printing: setup + mass × $/kg + volume / rate × $/h. */
  public record Printing(double setupUsd, double cm3PerHour, double usdPerHour) {}

  /**
   * CNC milling: setup + stock (bounding box) + machining time × $/h, where time = removed volume /
   * removal rate + surface area / (feed × stepover).
   */
  public record Cnc(
      double setupUsd,
      double removalMm3PerMin,
      double feedMmPerMin,
      double stepoverMm,
      double usdPerHour,
      double minToolRadiusMm) {}

  /**
   * Injection molding: tooling (fixed + per cm² of surface) amortised over the quantity, material,
   * and cycle time = max(volume / fill rate, seconds per mm × largest dimension) at $/h.
   */
  public record Molding(
      double toolingUsd,
      double toolingUsdPerCm2,
      double fillCm3PerS,
      double secondsPerMm,
      double usdPerHour,
      double minDraftDeg,
      double minWallMm,
      double maxWallMm) {}

  /** What a further identical copy of a part pays of the setup and of the tooling. */
  public record RepeatedPart(double setupFactor, double toolingFactor) {}
}
