package org.benchwright.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Binary STL meshes of a known size: the viewer bench's workload, and the desktop's viewer tests
 * read the same cube the bench uses as its reference.
 */
public final class BinaryStl {

  private BinaryStl() {}

  /** A torus (R 40 mm, r 15 mm) of {@code triangles} triangles, as OpenSCAD-style binary STL. */
  public static void writeTorus(Path file, int triangles) throws IOException {
    int nv = 500;
    int nu = Math.max(3, triangles / (2 * nv));
    try (StlOut out = new StlOut(file, 2 * nu * nv)) {
      for (int i = 0; i < nu; i++) {
        for (int j = 0; j < nv; j++) {
          float[] a = torus(i, j, nu, nv);
          float[] b = torus(i + 1, j, nu, nv);
          float[] c = torus(i + 1, j + 1, nu, nv);
          float[] d = torus(i, j + 1, nu, nv);
          out.triangle(a, b, c);
          out.triangle(a, c, d);
        }
      }
    }
  }

  private static float[] torus(int i, int j, int nu, int nv) {
    double u = 2 * Math.PI * (i % nu) / nu;
    double v = 2 * Math.PI * (j % nv) / nv;
    double ring = 40 + 15 * Math.cos(v);
    return new float[] {
      (float) (ring * Math.cos(u)), (float) (ring * Math.sin(u)), (float) (15 * Math.sin(v))
    };
  }

  /** A 10 × 10 × 10 cube from the origin: 12 triangles, the smallest closed mesh worth drawing. */
  public static void writeCube(Path file) throws IOException {
    float[][] p = new float[8][];
    for (int k = 0; k < 8; k++) {
      p[k] = new float[] {(k & 1) * 10, ((k >> 1) & 1) * 10, ((k >> 2) & 1) * 10};
    }
    int[][] quads = {
      {0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}
    };
    try (StlOut out = new StlOut(file, 12)) {
      for (int[] q : quads) {
        out.triangle(p[q[0]], p[q[1]], p[q[2]]);
        out.triangle(p[q[0]], p[q[2]], p[q[3]]);
      }
    }
  }

  /** Writes binary STL: 80-byte header, count, then 50 bytes per triangle (little-endian). */
  private static final class StlOut implements AutoCloseable {
    private final OutputStream out;
    private final ByteBuffer record = ByteBuffer.allocate(50).order(ByteOrder.LITTLE_ENDIAN);

    StlOut(Path file, int count) throws IOException {
      out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
      out.write(new byte[80]);
      out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(count).array());
    }

    void triangle(float[] a, float[] b, float[] c) throws IOException {
      record.clear();
      float ux = b[0] - a[0];
      float uy = b[1] - a[1];
      float uz = b[2] - a[2];
      float vx = c[0] - a[0];
      float vy = c[1] - a[1];
      float vz = c[2] - a[2];
      float nx = uy * vz - uz * vy;
      float ny = uz * vx - ux * vz;
      float nz = ux * vy - uy * vx;
      float n = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
      if (n > 0) {
        nx /= n;
        ny /= n;
        nz /= n;
      }
      record.putFloat(nx).putFloat(ny).putFloat(nz);
      for (float[] p : new float[][] {a, b, c}) {
        record.putFloat(p[0]).putFloat(p[1]).putFloat(p[2]);
      }
      record.putShort((short) 0);
      out.write(record.array());
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
