package org.benchwright.engine.cad;

/**
 * Counts how triangles use each undirected edge, in an open-addressing table keyed by the two
 * vertex indices packed into a long (no boxing: a million triangles have three million half-edges).
 */
final class EdgeTable {

  private EdgeTable() {}

  /** {boundary edges, non-manifold edges, misoriented edges}. */
  static int[] count(int[] t) {
    // At most one edge per half-edge: a load of 3/4 even for a soup of unconnected triangles.
    int capacity = Integer.highestOneBit(Math.max(16, t.length + t.length / 3) - 1) << 1;
    int mask = capacity - 1;
    long[] keys = new long[capacity];
    java.util.Arrays.fill(keys, -1L);
    // Uses in the low-to-high and high-to-low direction, saturating: only 0, 1, 2, more matter.
    byte[] up = new byte[capacity];
    byte[] down = new byte[capacity];
    for (int i = 0; i < t.length; i += 3) {
      for (int k = 0; k < 3; k++) {
        int a = t[i + k];
        int b = t[i + (k + 1) % 3];
        long key = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
        int slot = mix(key) & mask;
        while (keys[slot] != -1L && keys[slot] != key) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        if (a < b) {
          up[slot] = (byte) Math.min(up[slot] + 1, 100);
        } else {
          down[slot] = (byte) Math.min(down[slot] + 1, 100);
        }
      }
    }
    int boundary = 0, nonManifold = 0, misoriented = 0;
    for (int slot = 0; slot < capacity; slot++) {
      if (keys[slot] == -1L) {
        continue;
      }
      int uses = up[slot] + down[slot];
      if (uses == 1) {
        boundary++;
      } else if (uses > 2) {
        nonManifold++;
      } else if (up[slot] != 1) {
        misoriented++;
      }
    }
    return new int[] {boundary, nonManifold, misoriented};
  }

  private static int mix(long key) {
    key *= 0x9E3779B97F4A7C15L;
    return (int) (key ^ (key >>> 29) ^ (key >>> 47));
  }
}
