package org.benchwright.engine.cad;

import java.util.Arrays;

/**
 * Collects triangles and welds their corners as they arrive. Welding is by exact position: STL
 * repeats every shared corner with the same bits (binary) or the same text (ASCII), so exact
 * equality finds them without a tolerance that could merge genuinely distinct vertices. The table
 * is open addressing over primitive arrays (no boxing): a million-triangle file welds in one pass.
 */
final class MeshBuilder {

  private float[] points;
  private int vertices;
  private int[] triangles;
  private int triangleInts;
  private int[] table; // vertex index + 1 per slot, 0 = empty
  private int mask;
  private int dropped;

  MeshBuilder(int expectedTriangles) {
    int expected = Math.max(16, expectedTriangles);
    // A closed mesh has about half as many vertices as triangles.
    points = new float[3 * Math.max(16, expected / 2 + 8)];
    triangles = new int[3 * expected];
    int capacity = Integer.highestOneBit(Math.max(16, expected) - 1) << 1;
    table = new int[capacity];
    mask = capacity - 1;
  }

  /** The index of the vertex at this position, added if new. */
  int vertex(float x, float y, float z) {
    // -0.0 and 0.0 are the same position; NaN never reaches here (the readers reject it).
    int bx = Float.floatToRawIntBits(x + 0.0f);
    int by = Float.floatToRawIntBits(y + 0.0f);
    int bz = Float.floatToRawIntBits(z + 0.0f);
    int slot = hash(bx, by, bz) & mask;
    while (true) {
      int entry = table[slot];
      if (entry == 0) {
        break;
      }
      int p = 3 * (entry - 1);
      if (Float.floatToRawIntBits(points[p]) == bx
          && Float.floatToRawIntBits(points[p + 1]) == by
          && Float.floatToRawIntBits(points[p + 2]) == bz) {
        return entry - 1;
      }
      slot = (slot + 1) & mask;
    }
    if (3 * vertices + 3 > points.length) {
      points = Arrays.copyOf(points, points.length * 2);
    }
    int index = vertices++;
    points[3 * index] = Float.intBitsToFloat(bx);
    points[3 * index + 1] = Float.intBitsToFloat(by);
    points[3 * index + 2] = Float.intBitsToFloat(bz);
    table[slot] = index + 1;
    if (2 * vertices > table.length) {
      grow();
    }
    return index;
  }

  /**
   * Adds a triangle of welded vertex indices. A triangle with two equal corners has no area and no
   * edges of its own; keeping it would make a closed surface look open, so it is dropped (counted).
   */
  void triangle(int a, int b, int c) {
    if (a == b || b == c || a == c) {
      dropped++;
      return;
    }
    if (triangleInts + 3 > triangles.length) {
      triangles = Arrays.copyOf(triangles, triangles.length * 2);
    }
    triangles[triangleInts++] = a;
    triangles[triangleInts++] = b;
    triangles[triangleInts++] = c;
  }

  int vertexCount() {
    return vertices;
  }

  int triangleCount() {
    return triangleInts / 3;
  }

  int droppedDegenerate() {
    return dropped;
  }

  Mesh build() {
    return new Mesh(Arrays.copyOf(points, 3 * vertices), Arrays.copyOf(triangles, triangleInts));
  }

  private void grow() {
    int[] old = table;
    table = new int[old.length * 2];
    mask = table.length - 1;
    for (int entry : old) {
      if (entry != 0) {
        int p = 3 * (entry - 1);
        int slot =
            hash(
                    Float.floatToRawIntBits(points[p]),
                    Float.floatToRawIntBits(points[p + 1]),
                    Float.floatToRawIntBits(points[p + 2]))
                & mask;
        while (table[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        table[slot] = entry;
      }
    }
  }

  private static int hash(int x, int y, int z) {
    // Coordinates on a regular grid differ in few bits; a multiplicative mix spreads them.
    long h = x * 0x9E3779B97F4A7C15L;
    h ^= (y + 0x632BE59BD9B4E019L) * 0xC2B2AE3D27D4EB4FL;
    h ^= (z + 0x85EBCA77C2B2AE63L) * 0x165667B19E3779F9L;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    return (int) (h ^ (h >>> 32));
  }
}
