package org.benchwright.engine.mjcf;

import java.util.ArrayList;
import java.util.List;

/**
 * The convex hull of a few points, as triangles: MuJoCo draws an inline mesh given without faces as
 * its hull. Brute force over point triples (O(n⁴)), which is instant for the tens of points such
 * meshes have; callers bound n. Coplanar points on a hull face may give overlapping triangles,
 * which draw the same.
 */
final class ConvexHull {

  private ConvexHull() {}

  /** Index triples, wound outward, of the hull of {@code points} (x, y, z, ...). */
  static int[] faces(float[] points) {
    int n = points.length / 3;
    double scale = 0;
    for (float p : points) {
      scale = Math.max(scale, Math.abs(p));
    }
    double eps = Math.max(scale, 1e-12) * 1e-9;
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        for (int k = j + 1; k < n; k++) {
          double[] normal = normal(points, i, j, k);
          double len = Math.sqrt(dot(normal, normal));
          if (len < eps * eps) {
            continue; // collinear
          }
          int above = 0;
          int below = 0;
          for (int m = 0; m < n && (above == 0 || below == 0); m++) {
            double d = side(points, normal, i, m) / len;
            if (d > eps) {
              above++;
            } else if (d < -eps) {
              below++;
            }
          }
          if (above > 0 && below > 0) {
            continue;
          }
          // Every other point is on one side: a hull face, wound so that side is behind it.
          out.add(above > 0 ? new int[] {i, k, j} : new int[] {i, j, k});
        }
      }
    }
    int[] faces = new int[out.size() * 3];
    for (int f = 0; f < out.size(); f++) {
      System.arraycopy(out.get(f), 0, faces, f * 3, 3);
    }
    return faces;
  }

  private static double[] normal(float[] p, int i, int j, int k) {
    double ax = p[3 * j] - p[3 * i];
    double ay = p[3 * j + 1] - p[3 * i + 1];
    double az = p[3 * j + 2] - p[3 * i + 2];
    double bx = p[3 * k] - p[3 * i];
    double by = p[3 * k + 1] - p[3 * i + 1];
    double bz = p[3 * k + 2] - p[3 * i + 2];
    return new double[] {ay * bz - az * by, az * bx - ax * bz, ax * by - ay * bx};
  }

  private static double side(float[] p, double[] normal, int i, int m) {
    return normal[0] * (p[3 * m] - p[3 * i])
        + normal[1] * (p[3 * m + 1] - p[3 * i + 1])
        + normal[2] * (p[3 * m + 2] - p[3 * i + 2]);
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }
}
