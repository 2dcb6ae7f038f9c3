package org.benchwright.engine.cad;

/** A material of the project's materials table ({@code cad.materials}). */
public record Material(String name, double densityGPerCm3, double usdPerKg) {

  /** Grams of a volume given in mm³. */
  public double massG(double volumeMm3) {
    return volumeMm3 / 1000 * densityGPerCm3;
  }
}
