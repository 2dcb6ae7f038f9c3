package org.benchwright.engine.cad;

/**
 * Where the vertical lines through the centres of an XY grid of cells cross a mesh's triangles: the
 * one rasterizer behind the top-down height map (CNC corners) and the column crossings (molding
 * wall thickness).
 */
final class ColumnRaster {

  /** Receives one crossing: the cell (row-major, {@code y * nx + x}) and the height there. */
  interface Crossing {
    void at(int cell, float z);
  }

  private ColumnRaster() {}

  /**
   * Reports every crossing of the grid ({@code nx} by {@code ny} cells of size {@code cell} from
   * {@code (ox, oy)}). Triangles seen edge-on from above have none. With {@code halfOpen}, a line
   * through an edge two triangles share crosses only one of them (counting crossings stays exact);
   * without it, both (a z-buffer keeps the highest, and must not miss an edge).
   */
  static void crossings(
      Mesh mesh,
      int nx,
      int ny,
      double ox,
      double oy,
      double cell,
      boolean halfOpen,
      Crossing out) {
    float[] p = mesh.points;
    int[] t = mesh.triangles;
    for (int i = 0; i < t.length; i += 3) {
      int a = 3 * t[i], b = 3 * t[i + 1], c = 3 * t[i + 2];
      double ax = p[a], ay = p[a + 1], bx = p[b], by = p[b + 1], cx = p[c], cy = p[c + 1];
      double det = (bx - ax) * (cy - ay) - (cx - ax) * (by - ay);
      if (Math.abs(det) < 1e-12) {
        continue;
      }
      int x0 = Math.max(0, (int) Math.ceil((Math.min(ax, Math.min(bx, cx)) - ox) / cell - 0.5));
      int x1 =
          Math.min(nx - 1, (int) Math.floor((Math.max(ax, Math.max(bx, cx)) - ox) / cell - 0.5));
      int y0 = Math.max(0, (int) Math.ceil((Math.min(ay, Math.min(by, cy)) - oy) / cell - 0.5));
      int y1 =
          Math.min(ny - 1, (int) Math.floor((Math.max(ay, Math.max(by, cy)) - oy) / cell - 0.5));
      for (int y = y0; y <= y1; y++) {
        double py = oy + (y + 0.5) * cell;
        for (int x = x0; x <= x1; x++) {
          double px = ox + (x + 0.5) * cell;
          double u = ((bx - px) * (cy - py) - (cx - px) * (by - py)) / det;
          double v = ((cx - px) * (ay - py) - (ax - px) * (cy - py)) / det;
          double w = 1 - u - v;
          boolean outside =
              halfOpen ? u < 0 || v < 0 || w <= 0 : u < -1e-9 || v < -1e-9 || w < -1e-9;
          if (outside) {
            continue;
          }
          out.at(y * nx + x, (float) (u * p[a + 2] + v * p[b + 2] + w * p[c + 2]));
        }
      }
    }
  }
}
