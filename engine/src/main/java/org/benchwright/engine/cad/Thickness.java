package org.benchwright.engine.cad;

import java.util.Arrays;

/** Wall-thickness measurements for the molding check (see {@link ProcessChecks#wallThickness}). */
final class Thickness {

  private Thickness() {}

  /**
   * The shortest inward ray over {@code samples} points spread over the surface by area, or null
   * when no ray hits anything (an open or inside-out mesh). Returns {thickness, x, y, z}.
   */
  static double[] thinnest(Mesh mesh, int samples) {
    float[] p = mesh.points;
    int[] t = mesh.triangles;
    int triangles = t.length / 3;
    double[] cumulative = new double[triangles];
    double total = 0;
    for (int i = 0; i < triangles; i++) {
      total += ProcessChecks.normal(p, 3 * t[3 * i], 3 * t[3 * i + 1], 3 * t[3 * i + 2])[3] / 2;
      cumulative[i] = total;
    }
    Bounds b = Bounds.of(mesh);
    TriangleGrid grid = new TriangleGrid(mesh, b);
    double offset = 1e-6 * Math.max(1, b.largestDimension());
    double[] best = null;
    for (int s = 0; s < samples; s++) {
      // Evenly spaced by area, and a low-discrepancy point inside each chosen triangle, so the
      // result is the same every run.
      int tri = Arrays.binarySearch(cumulative, (s + 0.5) / samples * total);
      tri = Math.min(triangles - 1, tri < 0 ? -tri - 1 : tri);
      int a = 3 * t[3 * tri], bb = 3 * t[3 * tri + 1], c = 3 * t[3 * tri + 2];
      double[] n = ProcessChecks.normal(p, a, bb, c);
      if (n[3] == 0) {
        continue;
      }
      double u = (s * 0.6180339887) % 1, v = (s * 0.7548776662) % 1;
      if (u + v > 1) {
        u = 1 - u;
        v = 1 - v;
      }
      double[] origin = new double[3];
      double[] dir = {-n[0] / n[3], -n[1] / n[3], -n[2] / n[3]};
      for (int k = 0; k < 3; k++) {
        origin[k] = p[a + k] + u * (p[bb + k] - p[a + k]) + v * (p[c + k] - p[a + k]);
      }
      double[] start = {
        origin[0] + dir[0] * offset, origin[1] + dir[1] * offset, origin[2] + dir[2] * offset
      };
      double hit = grid.nearestHit(start, dir);
      if (Double.isFinite(hit) && (best == null || hit + offset < best[0])) {
        best = new double[] {hit + offset, origin[0], origin[1], origin[2]};
      }
    }
    return best;
  }

  /** Möller–Trumbore: distance to triangle {@code i} (offset into t), infinity when missed. */
  static double hit(float[] p, int[] t, int i, double[] o, double[] d) {
    int a = 3 * t[i], b = 3 * t[i + 1], c = 3 * t[i + 2];
    double e1x = p[b] - p[a], e1y = p[b + 1] - p[a + 1], e1z = p[b + 2] - p[a + 2];
    double e2x = p[c] - p[a], e2y = p[c + 1] - p[a + 1], e2z = p[c + 2] - p[a + 2];
    double hx = d[1] * e2z - d[2] * e2y, hy = d[2] * e2x - d[0] * e2z, hz = d[0] * e2y - d[1] * e2x;
    double det = e1x * hx + e1y * hy + e1z * hz;
    if (Math.abs(det) < 1e-15) {
      return Double.POSITIVE_INFINITY;
    }
    double inv = 1 / det;
    double sx = o[0] - p[a], sy = o[1] - p[a + 1], sz = o[2] - p[a + 2];
    double u = (sx * hx + sy * hy + sz * hz) * inv;
    if (u < -1e-9 || u > 1 + 1e-9) {
      return Double.POSITIVE_INFINITY;
    }
    double qx = sy * e1z - sz * e1y, qy = sz * e1x - sx * e1z, qz = sx * e1y - sy * e1x;
    double v = (d[0] * qx + d[1] * qy + d[2] * qz) * inv;
    if (v < -1e-9 || u + v > 1 + 1e-9) {
      return Double.POSITIVE_INFINITY;
    }
    double dist = (e2x * qx + e2y * qy + e2z * qz) * inv;
    return dist > 1e-9 ? dist : Double.POSITIVE_INFINITY;
  }

  /** The nearest hit over every triangle: the plain answer the grid must agree with. */
  static double nearestHitBruteForce(float[] p, int[] t, double[] o, double[] d) {
    double nearest = Double.POSITIVE_INFINITY;
    for (int i = 0; i < t.length; i += 3) {
      nearest = Math.min(nearest, hit(p, t, i, o, d));
    }
    return nearest;
  }

  /**
   * The diameter of the largest sphere inside the solid: voxelise (inside/outside by ray parity
   * along Z per column), then an exact Euclidean distance transform (Felzenszwalb and
   * Huttenlocher's lower envelope of parabolas, one axis at a time). Returns {thickness, x, y, z,
   * voxel size}, or null when no voxel is inside.
   */
  static double[] thickest(Mesh mesh, Bounds b, int maxVoxels) {
    double cell = Math.max(0.02, Math.cbrt(b.volume() / maxVoxels));
    int nx = (int) Math.ceil(b.sizeX() / cell) + 3;
    int ny = (int) Math.ceil(b.sizeY() / cell) + 3;
    int nz = (int) Math.ceil(b.sizeZ() / cell) + 3;
    while ((long) nx * ny * nz > 2L * maxVoxels) {
      cell *= 1.1;
      nx = (int) Math.ceil(b.sizeX() / cell) + 3;
      ny = (int) Math.ceil(b.sizeY() / cell) + 3;
      nz = (int) Math.ceil(b.sizeZ() / cell) + 3;
    }
    // Irrational offsets keep column centres off the edges of meshes built on round numbers,
    // where a ray would count a shared edge twice and break the parity.
    double ox = b.minX() - cell + 0.3183 * cell;
    double oy = b.minY() - cell + 0.2718 * cell;
    double oz = b.minZ() - cell;
    float[] grid = new float[nx * ny * nz]; // squared distance in cells; 0 outside
    float inf = 1e20f;
    float[][] hits = columnHits(mesh, nx, ny, ox, oy, cell);
    boolean any = false;
    for (int col = 0; col < nx * ny; col++) {
      float[] z = hits[col];
      if (z == null) {
        continue;
      }
      for (int k = 0; k + 1 < z.length; k += 2) {
        int from = Math.max(0, (int) Math.ceil((z[k] - oz) / cell - 0.5));
        int to = Math.min(nz - 1, (int) Math.floor((z[k + 1] - oz) / cell - 0.5));
        for (int iz = from; iz <= to; iz++) {
          grid[col * nz + iz] = inf;
          any = true;
        }
      }
    }
    if (!any) {
      return null;
    }
    int longest = Math.max(nx, Math.max(ny, nz));
    float[] line = new float[longest];
    float[] out = new float[longest];
    int[] v = new int[longest];
    float[] zs = new float[longest + 1];
    // Layout: index = (iy * nx + ix) * nz + iz.
    for (int col = 0; col < nx * ny; col++) {
      transform(grid, col * nz, 1, nz, line, out, v, zs);
    }
    for (int ix = 0; ix < nx; ix++) {
      for (int iz = 0; iz < nz; iz++) {
        transform(grid, ix * nz + iz, nx * nz, ny, line, out, v, zs);
      }
    }
    for (int iy = 0; iy < ny; iy++) {
      for (int iz = 0; iz < nz; iz++) {
        transform(grid, iy * nx * nz + iz, nz, nx, line, out, v, zs);
      }
    }
    int best = 0;
    for (int i = 1; i < grid.length; i++) {
      if (grid[i] > grid[best]) {
        best = i;
      }
    }
    int iz = best % nz, ix = (best / nz) % nx, iy = best / nz / nx;
    return new double[] {
      2 * Math.sqrt(grid[best]) * cell,
      ox + (ix + 0.5) * cell,
      oy + (iy + 0.5) * cell,
      oz + (iz + 0.5) * cell,
      cell
    };
  }

  /** Sorted Z crossings of each column's vertical line through its centre (null when none). */
  private static float[][] columnHits(
      Mesh mesh, int nx, int ny, double ox, double oy, double cell) {
    float[][] hits = new float[nx * ny][];
    int[] counts = new int[nx * ny];
    // Half-open edges so a line through a shared edge counts once (inside/outside by parity).
    ColumnRaster.crossings(
        mesh,
        nx,
        ny,
        ox,
        oy,
        cell,
        true,
        (col, z) -> {
          if (hits[col] == null) {
            hits[col] = new float[4];
          } else if (counts[col] == hits[col].length) {
            hits[col] = Arrays.copyOf(hits[col], counts[col] * 2);
          }
          hits[col][counts[col]++] = z;
        });
    for (int col = 0; col < hits.length; col++) {
      if (hits[col] != null) {
        hits[col] = Arrays.copyOf(hits[col], counts[col]);
        Arrays.sort(hits[col]);
      }
    }
    return hits;
  }

  /** One-dimensional squared distance transform of {@code n} values {@code stride} apart. */
  private static void transform(
      float[] grid, int start, int stride, int n, float[] f, float[] d, int[] v, float[] z) {
    for (int i = 0; i < n; i++) {
      f[i] = grid[start + i * stride];
    }
    int k = 0;
    v[0] = 0;
    z[0] = Float.NEGATIVE_INFINITY;
    z[1] = Float.POSITIVE_INFINITY;
    for (int q = 1; q < n; q++) {
      float s = intersection(f, q, v[k]);
      while (s <= z[k]) {
        k--;
        s = intersection(f, q, v[k]);
      }
      k++;
      v[k] = q;
      z[k] = s;
      z[k + 1] = Float.POSITIVE_INFINITY;
    }
    k = 0;
    for (int q = 0; q < n; q++) {
      while (z[k + 1] < q) {
        k++;
      }
      float dq = q - v[k];
      d[q] = dq * dq + f[v[k]];
    }
    for (int i = 0; i < n; i++) {
      grid[start + i * stride] = d[i];
    }
  }

  /** Where the parabolas rooted at q and r cross. */
  private static float intersection(float[] f, int q, int r) {
    return (float) (((f[q] + (double) q * q) - (f[r] + (double) r * r)) / (2.0 * q - 2.0 * r));
  }
}
