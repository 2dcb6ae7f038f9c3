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
  // Four ints per slot: the x, y, z bits and the vertex index + 1 (0 = empty). The key beside the
  // index makes a probe one cache line instead of two (slot, then the points array).
  private int[] table;
  // The same layout for the vertices seen last, by hash: a mesh file names a vertex again a few
  // triangles later, so most lookups end in this small, cache-resident array instead of the large
  // table (one memory miss each).
  private static final int RECENT_MASK = (1 << 14) - 1;
  private final int[] recent = new int[4 * (RECENT_MASK + 1)];
  private int mask;
  private int dropped;

  MeshBuilder(int expectedTriangles) {
    int expected = Math.max(16, expectedTriangles);
    // A closed mesh has about half as many vertices as triangles.
    points = new float[3 * Math.max(16, expected / 2 + 8)];
    triangles = new int[3 * expected];
    int capacity = Integer.highestOneBit(Math.max(16, expected) - 1) << 1;
    table = new int[4 * capacity];
    mask = capacity - 1;
  }

  /** The index of the vertex at this position, added if new. */
  int vertex(float x, float y, float z) {
    // -0.0 and 0.0 are the same position; NaN never reaches here (the readers reject it).
    int bx = Float.floatToRawIntBits(x + 0.0f);
    int by = Float.floatToRawIntBits(y + 0.0f);
    int bz = Float.floatToRawIntBits(z + 0.0f);
    int h = hash(bx, by, bz);
    int recentAt = (h >>> 7 & RECENT_MASK) << 2;
    if (recent[recentAt + 3] != 0
        && recent[recentAt] == bx
        && recent[recentAt + 1] == by
        && recent[recentAt + 2] == bz) {
      return recent[recentAt + 3] - 1;
    }
    int slot = h & mask;
    while (true) {
      int at = slot << 2;
      int entry = table[at + 3];
      if (entry == 0) {
        break;
      }
      if (table[at] == bx && table[at + 1] == by && table[at + 2] == bz) {
        remember(recentAt, bx, by, bz, entry);
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
    int at = slot << 2;
    table[at] = bx;
    table[at + 1] = by;
    table[at + 2] = bz;
    table[at + 3] = index + 1;
    remember(recentAt, bx, by, bz, index + 1);
    if (2 * vertices > mask + 1) {
      grow();
    }
    return index;
  }

  private void remember(int at, int bx, int by, int bz, int entry) {
    recent[at] = bx;
    recent[at + 1] = by;
    recent[at + 2] = bz;
    recent[at + 3] = entry;
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
    mask = (table.length >> 2) - 1;
    for (int at = 0; at < old.length; at += 4) {
      if (old[at + 3] != 0) {
        int slot = hash(old[at], old[at + 1], old[at + 2]) & mask;
        while (table[(slot << 2) + 3] != 0) {
          slot = (slot + 1) & mask;
        }
        System.arraycopy(old, at, table, slot << 2, 4);
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
