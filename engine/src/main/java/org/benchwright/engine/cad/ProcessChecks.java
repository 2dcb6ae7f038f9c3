package org.benchwright.engine.cad;

import java.util.Arrays;
import java.util.Locale;

/**
 * The manufacturability checks. Each is an approximation on the triangle mesh, chosen to be exact
 * on the flat-faced parts OpenSCAD produces and conservative elsewhere; docs/decisions/0016
 * explains each one.
 */
final class ProcessChecks {

  private ProcessChecks() {}

  static PartCheck watertight(MeshStats s) {
    if (!s.watertight()) {
      return new PartCheck(
          "watertight",
          false,
          String.format(
              Locale.ROOT,
              "the surface is not closed: %d edges belong to one triangle only (holes), %d to"
                  + " more than two, %d to two triangles that disagree on direction (a flipped"
                  + " face); volume and weight are unreliable",
              s.boundaryEdges(),
              s.nonManifoldEdges(),
              s.misorientedEdges()));
    }
    if (s.signedVolume() <= 0) {
      return new PartCheck(
          "watertight",
          false,
          "the surface is closed but its triangles face inward (negative volume): reverse their"
              + " vertex order");
    }
    return new PartCheck(
        "watertight", true, "closed: every edge is shared by two triangles facing outward");
  }

  static PartCheck singleBody(MeshStats s) {
    return s.bodies() == 1
        ? new PartCheck("single_body", true, "one connected body")
        : new PartCheck(
            "single_body",
            false,
            s.bodies()
                + " separate bodies: make one part per body, or join them (a part must be one"
                + " piece)");
  }

  /**
   * A tool coming down along -Z reaches only faces that look up or sideways. For a closed solid,
   * every face hidden from above lies under some downward-facing face, so downward-facing faces
   * that are not on the bottom plane (where the part rests on the fixture) are exactly the
   * undercuts; a second setup from another side is not modelled.
   */
  static PartCheck undercuts(Mesh mesh, MeshStats stats) {
    float[] p = mesh.points;
    int[] t = mesh.triangles;
    double bottom = stats.bounds().minZ();
    double tol = 1e-4 * Math.max(1, stats.bounds().largestDimension());
    FlaggedFaces undercut = new FlaggedFaces();
    for (int i = 0; i < t.length; i += 3) {
      int a = 3 * t[i], b = 3 * t[i + 1], c = 3 * t[i + 2];
      double[] n = normal(p, a, b, c);
      if (n[3] == 0 || n[2] / n[3] > -1e-3) {
        continue;
      }
      double top = Math.max(p[a + 2], Math.max(p[b + 2], p[c + 2]));
      if (top <= bottom + tol) {
        continue;
      }
      undercut.add(p, a, b, c, n[3]);
    }
    if (undercut.count == 0) {
      return new PartCheck(
          "cnc_undercuts",
          true,
          String.format(
              Locale.ROOT,
              "every downward-facing face lies on the bottom plane (z = %.2f); all others are"
                  + " reachable from +Z",
              bottom));
    }
    return new PartCheck(
        "cnc_undercuts",
        false,
        String.format(
            Locale.ROOT,
            "%d downward-facing faces (%.1f mm²) above the bottom plane cannot be reached by a tool"
                + " coming from +Z, e.g. near (%.2f, %.2f, %.2f): make them face up or sideways,"
                + " or split the part",
            undercut.count,
            undercut.area,
            undercut.where[0],
            undercut.where[1],
            undercut.where[2]));
  }

  /**
   * A cylindrical tool of radius r moving in XY cannot cut an internal corner tighter than r. The
   * part's top-down height map is closed (dilated, then eroded) with a flat disk of radius r: the
   * closing is the surface the tool can make, so cells the closing raises are material the tool
   * leaves behind. A sharp 90° corner leaves (1 - π/4) r² ≈ 0.21 r²; patches under 0.1 r² (or 6
   * cells) are grid noise and ignored.
   */
  static PartCheck internalCorners(Mesh mesh, MeshStats stats, double radius) {
    if (radius <= 0) {
      return new PartCheck("cnc_internal_corners", true, "no minimum tool radius set");
    }
    Bounds b = stats.bounds();
    double cell = Math.max(radius / 8, Math.max(b.sizeX(), b.sizeY()) / 1000);
    double margin = radius + 2 * cell;
    // Cell centres offset by an irrational fraction: they then almost never fall exactly on an
    // edge of a CAD mesh, whose vertices sit on round numbers.
    double ox = b.minX() - margin + 0.3183 * cell;
    double oy = b.minY() - margin + 0.2718 * cell;
    int nx = (int) Math.ceil((b.sizeX() + 2 * margin) / cell) + 1;
    int ny = (int) Math.ceil((b.sizeY() + 2 * margin) / cell) + 1;
    float[] height = new float[nx * ny];
    Arrays.fill(height, (float) b.minZ());
    rasterizeTop(mesh, height, nx, ny, ox, oy, cell);
    int[] halfWidths = disk(radius / cell);
    float[] dilated = filter(height, nx, ny, halfWidths, true);
    float[] closed = filter(dilated, nx, ny, halfWidths, false);
    float zTol = 0.02f;
    boolean[] uncut = new boolean[nx * ny];
    for (int i = 0; i < uncut.length; i++) {
      uncut[i] = closed[i] - height[i] > zTol;
    }
    // Steep walls curved in plan (a torus's inner rim) leave patches of a few cells where the
    // grid's disk differs from a true one; they shrink with the cell, a corner's patch does not.
    double minArea = Math.max(0.1 * radius * radius, 6 * cell * cell);
    int corners = 0;
    double worstArea = 0, wx = 0, wy = 0;
    int[] stack = new int[nx * ny];
    for (int start = 0; start < uncut.length; start++) {
      if (!uncut[start]) {
        continue;
      }
      int size = 0, top = 0;
      double sx = 0, sy = 0;
      stack[top++] = start;
      uncut[start] = false;
      while (top > 0) {
        int c = stack[--top];
        size++;
        int cx = c % nx, cy = c / nx;
        sx += cx;
        sy += cy;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int x = cx + dx, y = cy + dy;
            if (x >= 0 && y >= 0 && x < nx && y < ny && uncut[y * nx + x]) {
              uncut[y * nx + x] = false;
              stack[top++] = y * nx + x;
            }
          }
        }
      }
      double area = size * cell * cell;
      if (area >= minArea) {
        corners++;
        if (area > worstArea) {
          worstArea = area;
          wx = ox + (sx / size + 0.5) * cell;
          wy = oy + (sy / size + 0.5) * cell;
        }
      }
    }
    if (corners == 0) {
      return new PartCheck(
          "cnc_internal_corners",
          true,
          String.format(
              Locale.ROOT,
              "a %.2f mm radius tool from +Z reaches every internal corner (grid %.3f mm)",
              radius,
              cell));
    }
    return new PartCheck(
        "cnc_internal_corners",
        false,
        String.format(
            Locale.ROOT,
            "%d %s tighter than the %.2f mm tool radius, the largest"
                + " leaving %.2f mm² uncut near (%.2f, %.2f): round vertical inside corners to at"
                + " least %.2f mm",
            corners,
            corners == 1 ? "internal corner or gap is" : "internal corners or gaps are",
            radius,
            worstArea,
            wx,
            wy,
            radius));
  }

  /**
   * Faces closer than the minimum draft to the pull direction (Z, the mold opening along ±Z) keep
   * the part from sliding out of the mold. Only the angle's size is checked: which half of the mold
   * a face belongs to (the parting line) is not modelled.
   */
  static PartCheck draft(Mesh mesh, double minDraftDeg) {
    float[] p = mesh.points;
    int[] t = mesh.triangles;
    double limit = Math.sin(Math.toRadians(minDraftDeg));
    FlaggedFaces shallow = new FlaggedFaces();
    double steepest = 90;
    for (int i = 0; i < t.length; i += 3) {
      int a = 3 * t[i], b = 3 * t[i + 1], c = 3 * t[i + 2];
      double[] n = normal(p, a, b, c);
      if (n[3] < 1e-12) {
        continue;
      }
      double draft = Math.toDegrees(Math.asin(Math.min(1, Math.abs(n[2]) / n[3])));
      steepest = Math.min(steepest, draft);
      if (Math.abs(n[2]) / n[3] < limit - 1e-12) {
        shallow.add(p, a, b, c, n[3]);
      }
    }
    if (shallow.count == 0) {
      return new PartCheck(
          "molding_draft",
          true,
          String.format(
              Locale.ROOT,
              "every face is at least %.1f° off the pull direction (Z); the steepest has %.2f°",
              minDraftDeg,
              steepest));
    }
    return new PartCheck(
        "molding_draft",
        false,
        String.format(
            Locale.ROOT,
            "%d faces (%.1f mm²) have less than %.1f° of draft against the pull direction (Z), the"
                + " steepest %.2f°, e.g. near (%.2f, %.2f, %.2f): tilt walls parallel to Z by at"
                + " least %.1f°",
            shallow.count,
            shallow.area,
            minDraftDeg,
            steepest,
            shallow.where[0],
            shallow.where[1],
            shallow.where[2],
            minDraftDeg));
  }

  /**
   * Thinnest wall: rays from sample points on the surface straight inward, to the first surface
   * they meet (a ray never measures less than the wall it crosses). Thickest wall: the diameter of
   * the largest sphere inside the solid, from a Euclidean distance transform of a voxelisation; a
   * ray from the rim of a thin wall would run along the wall and report its height instead.
   */
  static PartCheck wallThickness(Mesh mesh, MeshStats stats, double minWall, double maxWall) {
    double[] thin = Thickness.thinnest(mesh, 400);
    double[] thick = Thickness.thickest(mesh, stats.bounds(), 4_000_000);
    if (thin == null || thick == null) {
      return new PartCheck(
          "molding_wall_thickness", false, "cannot measure walls: the mesh encloses no volume");
    }
    double voxel = thick[4];
    boolean thinOk = thin[0] >= minWall - 0.01;
    boolean thickOk = thick[0] <= maxWall + voxel;
    String figures =
        String.format(
            Locale.ROOT,
            "thinnest %.2f mm near (%.2f, %.2f, %.2f), thickest %.2f mm near (%.2f, %.2f, %.2f)"
                + " (±%.2f mm); allowed %.2f–%.2f mm",
            thin[0],
            thin[1],
            thin[2],
            thin[3],
            thick[0],
            thick[1],
            thick[2],
            thick[3],
            voxel,
            minWall,
            maxWall);
    String advice =
        !thinOk
            ? ": thicken the thin walls"
            : !thickOk ? ": hollow out or core the thick sections (uniform walls)" : "";
    return new PartCheck("molding_wall_thickness", thinOk && thickOk, figures + advice);
  }

  /** The highest surface point over each cell centre (a z-buffer looking down). */
  static void rasterizeTop(
      Mesh mesh, float[] height, int nx, int ny, double ox, double oy, double cell) {
    ColumnRaster.crossings(
        mesh,
        nx,
        ny,
        ox,
        oy,
        cell,
        false,
        (at, z) -> {
          if (z > height[at]) {
            height[at] = z;
          }
        });
  }

  /** Half-widths of the disk's rows: row dy spans -w[dy + k] .. w[dy + k] cells. */
  private static int[] disk(double radius) {
    int k = (int) Math.floor(radius);
    int[] halfWidths = new int[2 * k + 1];
    for (int dy = -k; dy <= k; dy++) {
      halfWidths[dy + k] = (int) Math.floor(Math.sqrt(radius * radius - dy * dy) + 1e-9);
    }
    return halfWidths;
  }

  /**
   * Max (dilation) or min (erosion) over the disk; cells beyond the grid are ignored. Each disk row
   * is a sliding window along x, computed in constant time per cell with van Herk's block prefix
   * and suffix extremes, so the cost grows with the disk's diameter, not its area.
   */
  private static float[] filter(float[] in, int nx, int ny, int[] halfWidths, boolean max) {
    int k = halfWidths.length / 2;
    float none = max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
    float[] out = new float[in.length];
    Arrays.fill(out, none);
    float[] window = new float[nx];
    float[] prefix = new float[nx];
    float[] suffix = new float[nx];
    for (int dy = -k; dy <= k; dy++) {
      int w = halfWidths[dy + k];
      int block = 2 * w + 1;
      for (int y = 0; y < ny; y++) {
        int source = y + dy;
        if (source < 0 || source >= ny) {
          continue;
        }
        int row = source * nx;
        for (int x = 0; x < nx; x++) {
          float v = in[row + x];
          prefix[x] = x % block == 0 ? v : extreme(prefix[x - 1], v, max);
        }
        for (int x = nx - 1; x >= 0; x--) {
          float v = in[row + x];
          suffix[x] = (x + 1) % block == 0 || x == nx - 1 ? v : extreme(suffix[x + 1], v, max);
        }
        for (int x = 0; x < nx; x++) {
          int lo = Math.max(0, x - w), hi = Math.min(nx - 1, x + w);
          // [lo, hi] spans at most two blocks: the suffix of the first and the prefix of the
          // second.
          window[x] =
              lo / block == hi / block
                  ? extremeOf(in, row, lo, hi, max)
                  : extreme(suffix[lo], prefix[hi], max);
        }
        int target = y * nx;
        for (int x = 0; x < nx; x++) {
          out[target + x] = extreme(out[target + x], window[x], max);
        }
      }
    }
    return out;
  }

  private static float extremeOf(float[] in, int row, int lo, int hi, boolean max) {
    float best = in[row + lo];
    for (int x = lo + 1; x <= hi; x++) {
      best = extreme(best, in[row + x], max);
    }
    return best;
  }

  private static float extreme(float a, float b, boolean max) {
    return max ? Math.max(a, b) : Math.min(a, b);
  }

  /** {nx, ny, nz, |n|} of the triangle's (unnormalised) normal. */
  static double[] normal(float[] p, int a, int b, int c) {
    double ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
    double vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
    double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    return new double[] {nx, ny, nz, Math.sqrt(nx * nx + ny * ny + nz * nz)};
  }

  /**
   * The faces a check flags, as its message reports them: how many, their total area, and where the
   * largest one is (its centroid), so the user knows where to look first.
   */
  private static final class FlaggedFaces {
    int count;
    double area;
    final double[] where = new double[3];
    private double largestNormal;

    /** Adds triangle (a, b, c), whose unnormalised normal has length {@code normal}. */
    void add(float[] p, int a, int b, int c, double normal) {
      count++;
      area += normal / 2;
      if (normal > largestNormal) {
        largestNormal = normal;
        for (int k = 0; k < 3; k++) {
          where[k] = (p[a + k] + p[b + k] + p[c + k]) / 3.0;
        }
      }
    }
  }
}
