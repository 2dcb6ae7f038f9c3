package org.benchwright.engine.cad;

/**
 * A part to price and check.
 *
 * @param mesh the part's mesh in millimetres
 * @param material a name from the materials table
 * @param quantity how many solutions are made (setup and tooling are shared by all of them)
 * @param copies identical copies of this part in one solution (1 when it is unique)
 */
public record Part(
    String name,
    Mesh mesh,
    String material,
    ManufacturingProcess process,
    int quantity,
    int copies) {

  public Part {
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be at least 1, found " + quantity);
    }
    if (copies < 1) {
      throw new IllegalArgumentException("copies must be at least 1, found " + copies);
    }
  }
}
