package org.benchwright.engine.cad;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Test meshes with known answers, built as plain arrays (x,y,z per vertex, counter-clockwise
 * triangles seen from outside), and writers for the three file formats.
 */
final class Shapes {

  final float[] points;
  final int[] triangles;

  Shapes(float[] points, int[] triangles) {
    this.points = points;
    this.triangles = triangles;
  }

  Mesh mesh() {
    return Mesh.of(points, triangles);
  }

  /** An axis-aligned box: volume and area follow from its sides. */
  static Shapes box(double x0, double y0, double z0, double x1, double y1, double z1) {
    float[] p = {
      (float) x0, (float) y0, (float) z0,
      (float) x1, (float) y0, (float) z0,
      (float) x1, (float) y1, (float) z0,
      (float) x0, (float) y1, (float) z0,
      (float) x0, (float) y0, (float) z1,
      (float) x1, (float) y0, (float) z1,
      (float) x1, (float) y1, (float) z1,
      (float) x0, (float) y1, (float) z1
    };
    int[] t = {
      0, 2, 1, 0, 3, 2, // bottom, facing -z
      4, 5, 6, 4, 6, 7, // top
      0, 1, 5, 0, 5, 4, // front, -y
      1, 2, 6, 1, 6, 5, // right, +x
      2, 3, 7, 2, 7, 6, // back, +y
      3, 0, 4, 3, 4, 7 // left, -x
    };
    return new Shapes(p, t);
  }

  static Shapes cube(double side) {
    return box(0, 0, 0, side, side, side);
  }

  /** Both meshes in one, the second's vertices renumbered after the first's. */
  Shapes plus(Shapes other) {
    float[] p = Arrays.copyOf(points, points.length + other.points.length);
    System.arraycopy(other.points, 0, p, points.length, other.points.length);
    int[] t = Arrays.copyOf(triangles, triangles.length + other.triangles.length);
    int offset = points.length / 3;
    for (int i = 0; i < other.triangles.length; i++) {
      t[triangles.length + i] = other.triangles[i] + offset;
    }
    return new Shapes(p, t);
  }

  /** Without triangles {@code from} (inclusive) to {@code to} (exclusive). */
  Shapes without(int from, int to) {
    int[] t = new int[triangles.length - 3 * (to - from)];
    System.arraycopy(triangles, 0, t, 0, 3 * from);
    System.arraycopy(triangles, 3 * to, t, 3 * from, triangles.length - 3 * to);
    return new Shapes(points, t);
  }

  /** Every triangle's corners in reverse order: an inside-out mesh. */
  Shapes flipped() {
    int[] t = triangles.clone();
    for (int i = 0; i < t.length; i += 3) {
      t[i + 1] = triangles[i + 2];
      t[i + 2] = triangles[i + 1];
    }
    return new Shapes(points, t);
  }

  /**
   * A box {@code outer} wide, {@code height} tall, with a square hole {@code hole} wide through it
   * along Z, centred: volume = (outer² - hole²) × height, area = 2 (outer² - hole²) + 4 outer
   * height + 4 hole height.
   */
  static Shapes boxWithHole(double outer, double hole, double height) {
    double a = (outer - hole) / 2, b = a + hole;
    double[][] ring = {
      {0, 0}, {outer, 0}, {outer, outer}, {0, outer}, {a, a}, {b, a}, {b, b}, {a, b}
    };
    float[] p = new float[16 * 3];
    for (int level = 0; level < 2; level++) {
      for (int i = 0; i < 8; i++) {
        int v = level * 8 + i;
        p[3 * v] = (float) ring[i][0];
        p[3 * v + 1] = (float) ring[i][1];
        p[3 * v + 2] = (float) (level * height);
      }
    }
    int[] t = new int[32 * 3];
    int n = 0;
    for (int side = 0; side < 4; side++) {
      int o0 = side, o1 = (side + 1) % 4, i0 = 4 + side, i1 = 4 + (side + 1) % 4;
      // top annulus quad (o0, o1, i1, i0) counter-clockwise seen from +z
      n = quad(t, n, 8 + o0, 8 + o1, 8 + i1, 8 + i0);
      // bottom annulus, seen from -z
      n = quad(t, n, o0, i0, i1, o1);
      // outer wall, facing away from the centre
      n = quad(t, n, o0, o1, 8 + o1, 8 + o0);
      // hole wall, facing into the hole
      n = quad(t, n, i1, i0, 8 + i0, 8 + i1);
    }
    return new Shapes(p, t);
  }

  /**
   * An open-topped box (a tray) of the given outside size with walls and floor {@code wall} thick:
   * the union of a floor slab and four wall slabs, written as one closed surface.
   */
  static Shapes tray(double size, double height, double wall) {
    double w = wall, s = size, h = height;
    // Outer square ring at z=0 and z=h; inner square ring at z=w (floor top) and z=h.
    double[][] outer = {{0, 0}, {s, 0}, {s, s}, {0, s}};
    double[][] inner = {{w, w}, {s - w, w}, {s - w, s - w}, {w, s - w}};
    float[] p = new float[16 * 3];
    put(p, 0, outer, 0);
    put(p, 4, outer, h);
    put(p, 8, inner, h);
    put(p, 12, inner, w);
    int[] t = new int[28 * 3];
    int n = 0;
    n = quad(t, n, 0, 3, 2, 1); // bottom, facing -z
    for (int side = 0; side < 4; side++) {
      int a = side, b = (side + 1) % 4;
      n = quad(t, n, a, b, 4 + b, 4 + a); // outer wall
      n = quad(t, n, 4 + a, 4 + b, 8 + b, 8 + a); // rim, facing +z
      n = quad(t, n, 8 + a, 8 + b, 12 + b, 12 + a); // inner wall, facing the inside
    }
    n = quad(t, n, 12, 13, 14, 15); // floor top, facing +z
    return new Shapes(p, Arrays.copyOf(t, n));
  }

  /** A regular octahedron: volume 4/3 r³, area 4√3 r². */
  static Shapes octahedron(double r) {
    float f = (float) r;
    float[] p = {f, 0, 0, -f, 0, 0, 0, f, 0, 0, -f, 0, 0, 0, f, 0, 0, -f};
    int[] t = {0, 2, 4, 2, 1, 4, 1, 3, 4, 3, 0, 4, 2, 0, 5, 1, 2, 5, 3, 1, 5, 0, 3, 5};
    return new Shapes(p, t);
  }

  /** A UV sphere with poles on Z: {@code slices} around, {@code stacks} from pole to pole. */
  static Shapes sphere(double r, int slices, int stacks) {
    int ring = slices;
    float[] p = new float[3 * (2 + ring * (stacks - 1))];
    p[2] = (float) r; // north pole = vertex 0
    p[5] = (float) -r; // south pole = vertex 1
    for (int s = 1; s < stacks; s++) {
      double phi = Math.PI * s / stacks;
      for (int k = 0; k < ring; k++) {
        double theta = 2 * Math.PI * k / ring;
        int v = 2 + (s - 1) * ring + k;
        p[3 * v] = (float) (r * Math.sin(phi) * Math.cos(theta));
        p[3 * v + 1] = (float) (r * Math.sin(phi) * Math.sin(theta));
        p[3 * v + 2] = (float) (r * Math.cos(phi));
      }
    }
    int[] t = new int[3 * 2 * ring * (stacks - 1)];
    int n = 0;
    for (int k = 0; k < ring; k++) {
      int k1 = (k + 1) % ring;
      t[n++] = 0;
      t[n++] = 2 + k;
      t[n++] = 2 + k1;
      int last = 2 + (stacks - 2) * ring;
      t[n++] = 1;
      t[n++] = last + k1;
      t[n++] = last + k;
    }
    for (int s = 1; s < stacks - 1; s++) {
      for (int k = 0; k < ring; k++) {
        int k1 = (k + 1) % ring;
        int a = 2 + (s - 1) * ring + k, b = 2 + (s - 1) * ring + k1;
        int c = 2 + s * ring + k, d = 2 + s * ring + k1;
        t[n++] = a;
        t[n++] = c;
        t[n++] = d;
        t[n++] = a;
        t[n++] = d;
        t[n++] = b;
      }
    }
    return new Shapes(p, Arrays.copyOf(t, n));
  }

  /** A round tube along Z: n-gon rings of radius {@code outer} and {@code inner}. */
  static Shapes tube(double outer, double inner, double height, int n) {
    float[] p = new float[3 * 4 * n];
    double[] radii = {outer, inner};
    for (int level = 0; level < 2; level++) {
      for (int ring = 0; ring < 2; ring++) {
        for (int k = 0; k < n; k++) {
          double a = 2 * Math.PI * k / n;
          int at = 3 * ((2 * level + ring) * n + k);
          p[at] = (float) (radii[ring] * Math.cos(a));
          p[at + 1] = (float) (radii[ring] * Math.sin(a));
          p[at + 2] = (float) (level * height);
        }
      }
    }
    int[] t = new int[3 * 8 * n];
    int m = 0;
    for (int k = 0; k < n; k++) {
      int k1 = (k + 1) % n;
      int o0 = k, o1 = k1, i0 = n + k, i1 = n + k1; // bottom rings
      int top = 2 * n;
      m = quad(t, m, top + o0, top + o1, top + i1, top + i0);
      m = quad(t, m, o0, i0, i1, o1);
      m = quad(t, m, o0, o1, top + o1, top + o0);
      m = quad(t, m, i1, i0, top + i0, top + i1);
    }
    return new Shapes(p, t);
  }

  /** A torus of m × n quads (2mn triangles, mn vertices), major radius R, minor radius r. */
  static Shapes torus(double major, double minor, int m, int n) {
    float[] p = new float[3 * m * n];
    for (int i = 0; i < m; i++) {
      double u = 2 * Math.PI * i / m;
      for (int j = 0; j < n; j++) {
        double v = 2 * Math.PI * j / n;
        int at = 3 * (i * n + j);
        p[at] = (float) ((major + minor * Math.cos(v)) * Math.cos(u));
        p[at + 1] = (float) ((major + minor * Math.cos(v)) * Math.sin(u));
        p[at + 2] = (float) (minor * Math.sin(v));
      }
    }
    int[] t = new int[6 * m * n];
    int k = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int a = i * n + j, b = ((i + 1) % m) * n + j;
        int c = ((i + 1) % m) * n + (j + 1) % n, d = i * n + (j + 1) % n;
        k = quad(t, k, a, b, c, d);
      }
    }
    return new Shapes(p, t);
  }

  double[] vertex(int index) {
    return new double[] {points[3 * index], points[3 * index + 1], points[3 * index + 2]};
  }

  byte[] asciiStl() {
    StringBuilder s = new StringBuilder("solid test\n");
    for (int i = 0; i < triangles.length; i += 3) {
      s.append("  facet normal 0 0 0\n    outer loop\n");
      for (int k = 0; k < 3; k++) {
        double[] v = vertex(triangles[i + k]);
        s.append(
            String.format(
                Locale.ROOT, "      vertex %s %s %s%n", (float) v[0], (float) v[1], (float) v[2]));
      }
      s.append("    endloop\n  endfacet\n");
    }
    return s.append("endsolid test\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Binary STL; the header starts with "solid" on purpose, as many exporters write it. */
  byte[] binaryStl() {
    int n = triangles.length / 3;
    ByteBuffer b = ByteBuffer.allocate(84 + 50 * n).order(ByteOrder.LITTLE_ENDIAN);
    byte[] header =
        Arrays.copyOf("solid exported by a CAD tool".getBytes(StandardCharsets.US_ASCII), 80);
    b.put(header).putInt(n);
    for (int i = 0; i < triangles.length; i += 3) {
      b.putFloat(0).putFloat(0).putFloat(0);
      for (int k = 0; k < 3; k++) {
        int v = triangles[i + k];
        b.putFloat(points[3 * v]).putFloat(points[3 * v + 1]).putFloat(points[3 * v + 2]);
      }
      b.putShort((short) 0);
    }
    return b.array();
  }

  /** OBJ with negative (relative) indices and the v/vt/vn form, exercising the parser. */
  byte[] obj() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder s = new StringBuilder("# test\nmtllib parts.mtl\no part\n");
    for (int v = 0; v < points.length / 3; v++) {
      s.append(
          String.format(
              Locale.ROOT, "v %s %s %s%n", points[3 * v], points[3 * v + 1], points[3 * v + 2]));
    }
    s.append("vt 0 0\nvn 0 0 1\nusemtl grey\ns off\ng body\n");
    int count = points.length / 3;
    for (int i = 0; i < triangles.length; i += 3) {
      int a = triangles[i] + 1, b = triangles[i + 1] + 1, c = triangles[i + 2] + 1;
      switch ((i / 3) % 4) {
        case 0 -> s.append("f ").append(a).append(' ').append(b).append(' ').append(c);
        case 1 ->
            s.append("f ").append(a).append("/1 ").append(b).append("/1 ").append(c).append("/1");
        case 2 ->
            s.append("f ")
                .append(a)
                .append("//1 ")
                .append(b)
                .append("//1 ")
                .append(c)
                .append("//1");
        default ->
            s.append("f ")
                .append(a - count - 1)
                .append("/1/1 ")
                .append(b - count - 1)
                .append("/1/1 ")
                .append(c - count - 1)
                .append("/1/1");
      }
      s.append('\n');
    }
    out.writeBytes(s.toString().getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static int quad(int[] t, int n, int a, int b, int c, int d) {
    t[n++] = a;
    t[n++] = b;
    t[n++] = c;
    t[n++] = a;
    t[n++] = c;
    t[n++] = d;
    return n;
  }

  private static void put(float[] p, int first, double[][] ring, double z) {
    for (int i = 0; i < ring.length; i++) {
      p[3 * (first + i)] = (float) ring[i][0];
      p[3 * (first + i) + 1] = (float) ring[i][1];
      p[3 * (first + i) + 2] = (float) z;
    }
  }
}
