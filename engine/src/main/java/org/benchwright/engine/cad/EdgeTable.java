package org.benchwright.engine.cad;

import java.util.Arrays;

/**
 * Counts how triangles use each undirected edge. Half-edges are bucketed by their lower vertex (a
 * counting sort into one int array, no boxing, no hash table): a bucket holds the few edges around
 * one vertex, so matching the two sides of an edge touches memory that is already cached.
 */
final class EdgeTable {

  private EdgeTable() {}

  /** {boundary edges, non-manifold edges, misoriented edges}. */
  static int[] count(int vertexCount, int[] t) {
    int[] start = new int[vertexCount + 1];
    for (int i = 0; i < t.length; i += 3) {
      for (int k = 0; k < 3; k++) {
        start[Math.min(t[i + k], t[i + (k + 1) % 3]) + 1]++;
      }
    }
    for (int v = 0; v < vertexCount; v++) {
      start[v + 1] += start[v];
    }
    int[] cursor = Arrays.copyOf(start, vertexCount);
    // Each entry: the higher vertex times two, plus 1 when the half-edge runs low to high.
    int[] entries = new int[t.length];
    for (int i = 0; i < t.length; i += 3) {
      for (int k = 0; k < 3; k++) {
        int a = t[i + k], b = t[i + (k + 1) % 3];
        entries[cursor[Math.min(a, b)]++] = a < b ? 2 * b + 1 : 2 * a;
      }
    }
    int boundary = 0, nonManifold = 0, misoriented = 0;
    for (int v = 0; v < vertexCount; v++) {
      int from = start[v], to = start[v + 1];
      sort(entries, from, to);
      int i = from;
      while (i < to) {
        int hi = entries[i] >>> 1;
        int uses = 0, up = 0;
        while (i < to && entries[i] >>> 1 == hi) {
          uses++;
          up += entries[i] & 1;
          i++;
        }
        if (uses == 1) {
          boundary++;
        } else if (uses > 2) {
          nonManifold++;
        } else if (up != 1) {
          misoriented++;
        }
      }
    }
    return new int[] {boundary, nonManifold, misoriented};
  }

  /** Buckets hold about six entries: insertion sort, unless a vertex has many edges (a fan). */
  private static void sort(int[] a, int from, int to) {
    if (to - from > 24) {
      Arrays.sort(a, from, to);
      return;
    }
    for (int i = from + 1; i < to; i++) {
      int x = a[i];
      int j = i - 1;
      while (j >= from && a[j] > x) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
  }
}
