package org.benchwright.engine.cad;

import java.util.Arrays;

/**
 * An immutable indexed triangle mesh in the units of its file (OpenSCAD writes millimetres).
 * Vertices are welded: a position shared by several triangles appears once, so edges can be matched
 * by vertex index. Triangles are vertex-index triples, counter-clockwise seen from outside when the
 * file is well formed (the analysis reports when it is not).
 */
public final class Mesh {

  // Package-private so the readers, the analysis and the renderer use them without copies.
  final float[] points;
  final int[] triangles;

  Mesh(float[] points, int[] triangles) {
    this.points = points;
    this.triangles = triangles;
  }

  /**
   * A mesh from arrays the caller built (copied). Checks what the readers check: finite
   * coordinates, whole triples, indices in range.
   *
   * @throws IllegalArgumentException when the arrays do not describe a triangle mesh
   */
  public static Mesh of(float[] points, int[] triangles) {
    if (points.length % 3 != 0 || triangles.length % 3 != 0) {
      throw new IllegalArgumentException("points and triangles must hold whole triples");
    }
    for (int i = 0; i < points.length; i++) {
      if (!Float.isFinite(points[i])) {
        throw new IllegalArgumentException("coordinate " + i + " is " + points[i]);
      }
    }
    int vertices = points.length / 3;
    for (int i = 0; i < triangles.length; i++) {
      if (triangles[i] < 0 || triangles[i] >= vertices) {
        throw new IllegalArgumentException(
            "triangle " + i / 3 + " refers to vertex " + triangles[i] + " of " + vertices);
      }
    }
    return new Mesh(points.clone(), triangles.clone());
  }

  /** x, y, z of each vertex (a copy). */
  public float[] points() {
    return points.clone();
  }

  /** Three vertex indices per triangle (a copy). */
  public int[] triangles() {
    return triangles.clone();
  }

  public int vertexCount() {
    return points.length / 3;
  }

  public int triangleCount() {
    return triangles.length / 3;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mesh m
        && Arrays.equals(points, m.points)
        && Arrays.equals(triangles, m.triangles);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(points) + Arrays.hashCode(triangles);
  }

  @Override
  public String toString() {
    return "Mesh[" + vertexCount() + " vertices, " + triangleCount() + " triangles]";
  }
}
