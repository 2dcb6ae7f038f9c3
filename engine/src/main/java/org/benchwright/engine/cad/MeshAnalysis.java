package org.benchwright.engine.cad;

/** Volume, area, bounds, watertightness and connected bodies of a mesh, in one pass each. */
public final class MeshAnalysis {

  private MeshAnalysis() {}

  public static MeshStats analyze(Mesh mesh) {
    float[] p = mesh.points;
    int[] t = mesh.triangles;
    Bounds bounds = Bounds.of(mesh);
    // Tetrahedra from the box centre rather than the origin: far from the origin the six-fold
    // products of large coordinates would cancel and lose digits.
    double cx = (bounds.minX() + bounds.maxX()) / 2;
    double cy = (bounds.minY() + bounds.maxY()) / 2;
    double cz = (bounds.minZ() + bounds.maxZ()) / 2;
    double volume6 = 0;
    double area2 = 0;
    for (int i = 0; i < t.length; i += 3) {
      int a = 3 * t[i], b = 3 * t[i + 1], c = 3 * t[i + 2];
      double ax = p[a] - cx, ay = p[a + 1] - cy, az = p[a + 2] - cz;
      double bx = p[b] - cx, by = p[b + 1] - cy, bz = p[b + 2] - cz;
      double qx = p[c] - cx, qy = p[c + 1] - cy, qz = p[c + 2] - cz;
      volume6 += ax * (by * qz - bz * qy) + ay * (bz * qx - bx * qz) + az * (bx * qy - by * qx);
      double ux = bx - ax, uy = by - ay, uz = bz - az;
      double vx = qx - ax, vy = qy - ay, vz = qz - az;
      double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
      area2 += Math.sqrt(nx * nx + ny * ny + nz * nz);
    }
    int[] edges = EdgeTable.count(mesh.vertexCount(), t);
    int bodies = bodies(mesh.vertexCount(), t);
    return new MeshStats(
        mesh.vertexCount(),
        mesh.triangleCount(),
        Math.abs(volume6 / 6),
        volume6 / 6,
        area2 / 2,
        bounds,
        edges[0] == 0 && edges[1] == 0 && edges[2] == 0,
        edges[0],
        edges[1],
        edges[2],
        bodies);
  }

  /** Union-find over vertices joined by triangle edges; isolated vertices are not bodies. */
  static int bodies(int vertexCount, int[] t) {
    int[] parent = new int[vertexCount];
    for (int i = 0; i < vertexCount; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < t.length; i += 3) {
      union(parent, t[i], t[i + 1]);
      union(parent, t[i], t[i + 2]);
    }
    boolean[] used = new boolean[vertexCount];
    for (int v : t) {
      used[v] = true;
    }
    int roots = 0;
    for (int v = 0; v < vertexCount; v++) {
      if (used[v] && find(parent, v) == v) {
        roots++;
      }
    }
    return roots;
  }

  private static int find(int[] parent, int v) {
    while (parent[v] != v) {
      parent[v] = parent[parent[v]]; // path halving keeps the trees flat
      v = parent[v];
    }
    return v;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a), rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
