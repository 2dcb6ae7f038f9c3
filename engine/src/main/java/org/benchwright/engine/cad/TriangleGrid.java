package org.benchwright.engine.cad;

/**
 * A uniform grid of triangle lists for ray casts: a ray visits the cells it crosses in order
 * (Amanatides and Woo's traversal) and stops at the first cell that holds a hit nearer than the
 * cell's far side, so a cast tests a few dozen triangles instead of all of them.
 */
final class TriangleGrid {

  private final float[] p;
  private final int[] t;
  private final double ox, oy, oz, cell;
  private final int nx, ny, nz;
  private final int[] start; // CSR: cell -> range in items
  private int[] items; // triangle indices (first corner's offset in t)

  TriangleGrid(Mesh mesh, Bounds b) {
    this.p = mesh.points;
    this.t = mesh.triangles;
    int triangles = t.length / 3;
    double pad = 1e-6 * Math.max(1, b.largestDimension());
    double sx = b.sizeX() + 2 * pad, sy = b.sizeY() + 2 * pad, sz = b.sizeZ() + 2 * pad;
    // About one triangle per cell, at most 200 cells along an axis.
    double size =
        Math.max(
            Math.cbrt(sx * sy * sz / Math.max(1, triangles)), Math.max(sx, Math.max(sy, sz)) / 200);
    ox = b.minX() - pad;
    oy = b.minY() - pad;
    oz = b.minZ() - pad;
    cell = size;
    nx = Math.max(1, (int) Math.ceil(sx / size));
    ny = Math.max(1, (int) Math.ceil(sy / size));
    nz = Math.max(1, (int) Math.ceil(sz / size));
    start = new int[nx * ny * nz + 1];
    for (int pass = 0; pass < 2; pass++) {
      int[] cursor = pass == 0 ? null : java.util.Arrays.copyOf(start, start.length - 1);
      for (int i = 0; i < t.length; i += 3) {
        int a = 3 * t[i], bb = 3 * t[i + 1], c = 3 * t[i + 2];
        int x0 = clamp((Math.min(p[a], Math.min(p[bb], p[c])) - ox) / cell, nx);
        int x1 = clamp((Math.max(p[a], Math.max(p[bb], p[c])) - ox) / cell, nx);
        int y0 = clamp((Math.min(p[a + 1], Math.min(p[bb + 1], p[c + 1])) - oy) / cell, ny);
        int y1 = clamp((Math.max(p[a + 1], Math.max(p[bb + 1], p[c + 1])) - oy) / cell, ny);
        int z0 = clamp((Math.min(p[a + 2], Math.min(p[bb + 2], p[c + 2])) - oz) / cell, nz);
        int z1 = clamp((Math.max(p[a + 2], Math.max(p[bb + 2], p[c + 2])) - oz) / cell, nz);
        for (int z = z0; z <= z1; z++) {
          for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
              int index = (z * ny + y) * nx + x;
              if (pass == 0) {
                start[index + 1]++;
              } else {
                items[cursor[index]++] = i;
              }
            }
          }
        }
      }
      if (pass == 0) {
        for (int k = 0; k < start.length - 1; k++) {
          start[k + 1] += start[k];
        }
      }
      if (pass == 0) {
        items = new int[start[start.length - 1]];
      }
    }
  }

  private static int clamp(double v, int n) {
    return Math.max(0, Math.min(n - 1, (int) Math.floor(v)));
  }

  /** Distance along the unit direction {@code d} to the nearest triangle, or infinity. */
  double nearestHit(double[] o, double[] d) {
    int x = clamp((o[0] - ox) / cell, nx), y = clamp((o[1] - oy) / cell, ny);
    int z = clamp((o[2] - oz) / cell, nz);
    int stepX = d[0] > 0 ? 1 : -1, stepY = d[1] > 0 ? 1 : -1, stepZ = d[2] > 0 ? 1 : -1;
    double nextX = boundary(o[0], d[0], ox, x, stepX), nextY = boundary(o[1], d[1], oy, y, stepY);
    double nextZ = boundary(o[2], d[2], oz, z, stepZ);
    double deltaX = d[0] == 0 ? Double.POSITIVE_INFINITY : cell / Math.abs(d[0]);
    double deltaY = d[1] == 0 ? Double.POSITIVE_INFINITY : cell / Math.abs(d[1]);
    double deltaZ = d[2] == 0 ? Double.POSITIVE_INFINITY : cell / Math.abs(d[2]);
    double nearest = Double.POSITIVE_INFINITY;
    while (true) {
      int index = (z * ny + y) * nx + x;
      for (int k = start[index]; k < start[index + 1]; k++) {
        nearest = Math.min(nearest, Thickness.hit(p, t, items[k], o, d));
      }
      double exit = Math.min(nextX, Math.min(nextY, nextZ));
      if (nearest <= exit) {
        return nearest;
      }
      if (exit == nextX) {
        x += stepX;
        nextX += deltaX;
      } else if (exit == nextY) {
        y += stepY;
        nextY += deltaY;
      } else {
        z += stepZ;
        nextZ += deltaZ;
      }
      if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz) {
        return nearest;
      }
    }
  }

  /** Ray distance to the cell's face in the step direction (infinity when parallel). */
  private double boundary(double origin, double direction, double gridOrigin, int index, int step) {
    if (direction == 0) {
      return Double.POSITIVE_INFINITY;
    }
    double face = gridOrigin + (step > 0 ? index + 1 : index) * cell;
    return Math.max(0, (face - origin) / direction);
  }
}
