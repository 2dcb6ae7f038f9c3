package org.benchwright.engine.cad;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Renders a mesh to an image without a display: isometric view from the +X, -Y, +Z side (Z up),
 * flat shading, a z-buffer, the part's bounds fitted to the image. Its own rasteriser writes into a
 * {@link BufferedImage} (no Graphics2D, no display), so it runs headless anywhere.
 */
public final class MeshRenderer {

  /** Light grey, what the corners of every render show. */
  public static final int BACKGROUND = 0xFFF4F4F4;

  private static final double[] EYE = normalize(1, -1, 1);
  private static final double[] RIGHT = normalize(1, 1, 0);
  private static final double[] UP = cross(EYE, RIGHT);
  private static final double[] LIGHT = normalize(0.4, -0.6, 1);

  private MeshRenderer() {}

  public static BufferedImage render(Mesh mesh, int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
    }
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    int[] pixels = new int[width * height];
    Arrays.fill(pixels, BACKGROUND);
    float[] depth = new float[width * height];
    Arrays.fill(depth, Float.NEGATIVE_INFINITY);
    float[] p = mesh.points;
    int vertices = mesh.vertexCount();
    double[] sx = new double[vertices], sy = new double[vertices], sz = new double[vertices];
    double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < vertices; v++) {
      double x = p[3 * v], y = p[3 * v + 1], z = p[3 * v + 2];
      sx[v] = x * RIGHT[0] + y * RIGHT[1] + z * RIGHT[2];
      sy[v] = x * UP[0] + y * UP[1] + z * UP[2];
      sz[v] = x * EYE[0] + y * EYE[1] + z * EYE[2]; // larger = nearer the viewer
      minX = Math.min(minX, sx[v]);
      maxX = Math.max(maxX, sx[v]);
      minY = Math.min(minY, sy[v]);
      maxY = Math.max(maxY, sy[v]);
    }
    if (vertices > 0) {
      double scale =
          0.9 * Math.min(width / Math.max(maxX - minX, 1e-9), height / Math.max(maxY - minY, 1e-9));
      double cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
      for (int v = 0; v < vertices; v++) {
        sx[v] = width / 2.0 + (sx[v] - cx) * scale;
        sy[v] = height / 2.0 - (sy[v] - cy) * scale; // image rows grow downward
      }
      int[] t = mesh.triangles;
      for (int i = 0; i < t.length; i += 3) {
        double[] n = ProcessChecks.normal(p, 3 * t[i], 3 * t[i + 1], 3 * t[i + 2]);
        if (n[3] == 0) {
          continue;
        }
        // Two-sided: an open or inside-out mesh still shows its shape.
        double facing = (n[0] * EYE[0] + n[1] * EYE[1] + n[2] * EYE[2]) / n[3];
        double lambert = Math.abs(n[0] * LIGHT[0] + n[1] * LIGHT[1] + n[2] * LIGHT[2]) / n[3];
        int shade = facing >= 0 ? shade(0.25 + 0.75 * lambert) : 0xFFB03A2E;
        fill(t[i], t[i + 1], t[i + 2], sx, sy, sz, shade, pixels, depth, width, height);
      }
    }
    image.setRGB(0, 0, width, height, pixels, 0, width);
    return image;
  }

  public static byte[] renderPng(Mesh mesh, int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(render(mesh, width, height), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void fill(
      int a,
      int b,
      int c,
      double[] sx,
      double[] sy,
      double[] sz,
      int color,
      int[] pixels,
      float[] depth,
      int width,
      int height) {
    double det = (sx[b] - sx[a]) * (sy[c] - sy[a]) - (sx[c] - sx[a]) * (sy[b] - sy[a]);
    if (Math.abs(det) < 1e-12) {
      return;
    }
    int x0 = Math.max(0, (int) Math.floor(Math.min(sx[a], Math.min(sx[b], sx[c]))));
    int x1 = Math.min(width - 1, (int) Math.ceil(Math.max(sx[a], Math.max(sx[b], sx[c]))));
    int y0 = Math.max(0, (int) Math.floor(Math.min(sy[a], Math.min(sy[b], sy[c]))));
    int y1 = Math.min(height - 1, (int) Math.ceil(Math.max(sy[a], Math.max(sy[b], sy[c]))));
    for (int y = y0; y <= y1; y++) {
      double py = y + 0.5;
      for (int x = x0; x <= x1; x++) {
        double px = x + 0.5;
        double u = ((sx[b] - px) * (sy[c] - py) - (sx[c] - px) * (sy[b] - py)) / det;
        double v = ((sx[c] - px) * (sy[a] - py) - (sx[a] - px) * (sy[c] - py)) / det;
        double w = 1 - u - v;
        if (u < 0 || v < 0 || w < 0) {
          continue;
        }
        float z = (float) (u * sz[a] + v * sz[b] + w * sz[c]);
        int at = y * width + x;
        if (z > depth[at]) {
          depth[at] = z;
          pixels[at] = color;
        }
      }
    }
  }

  /** A steel-blue tone at the given brightness (0..1). */
  private static int shade(double brightness) {
    double k = Math.max(0, Math.min(1, brightness));
    int r = (int) (70 + 150 * k), g = (int) (95 + 140 * k), bl = (int) (130 + 120 * k);
    return 0xFF000000 | Math.min(255, r) << 16 | Math.min(255, g) << 8 | Math.min(255, bl);
  }

  private static double[] normalize(double x, double y, double z) {
    double l = Math.sqrt(x * x + y * y + z * z);
    return new double[] {x / l, y / l, z / l};
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }
}
