package org.benchwright.desktop.viewer;

/**
 * A mesh in the arrays a JavaFX {@code TriangleMesh} takes, prepared off the FX thread so that
 * building the node on it is only a copy: points (xyz), faces as (point, texcoord) pairs with the
 * single texcoord 0, and smoothing group 0 for every face (flat shading: CAD parts have sharp edges
 * that smoothing would round off).
 */
record MeshData(float[] points, int[] faces, int[] smoothingGroups, int triangleCount) {

  /** From welded points and index triples, as the engine's mesh readers return them. */
  static MeshData of(float[] points, int[] triangles) {
    int n = triangles.length / 3;
    int[] faces = new int[n * 6];
    for (int i = 0, f = 0; i < triangles.length; i++, f += 2) {
      faces[f] = triangles[i];
    }
    return new MeshData(points, faces, new int[n], n);
  }
}
