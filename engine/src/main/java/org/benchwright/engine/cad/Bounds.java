package org.benchwright.engine.cad;

/** An axis-aligned box, in the mesh's units. */
public record Bounds(double minX, double minY, double minZ, double maxX, double maxY, double maxZ) {

  public double sizeX() {
    return maxX - minX;
  }

  public double sizeY() {
    return maxY - minY;
  }

  public double sizeZ() {
    return maxZ - minZ;
  }

  public double largestDimension() {
    return Math.max(sizeX(), Math.max(sizeY(), sizeZ()));
  }

  public double volume() {
    return sizeX() * sizeY() * sizeZ();
  }

  static Bounds of(Mesh mesh) {
    float[] p = mesh.points;
    double minX = Double.POSITIVE_INFINITY, minY = minX, minZ = minX;
    double maxX = Double.NEGATIVE_INFINITY, maxY = maxX, maxZ = maxX;
    int[] t = mesh.triangles;
    // Only vertices that triangles use: a stray vertex in an OBJ does not enlarge the part.
    for (int index : t) {
      int i = 3 * index;
      minX = Math.min(minX, p[i]);
      maxX = Math.max(maxX, p[i]);
      minY = Math.min(minY, p[i + 1]);
      maxY = Math.max(maxY, p[i + 1]);
      minZ = Math.min(minZ, p[i + 2]);
      maxZ = Math.max(maxZ, p[i + 2]);
    }
    return t.length == 0
        ? new Bounds(0, 0, 0, 0, 0, 0)
        : new Bounds(minX, minY, minZ, maxX, maxY, maxZ);
  }
}
