package org.benchwright.engine.cad;

import java.util.Arrays;

/**
 * Wavefront OBJ: {@code v} and {@code f} statements. Texture coordinates, normals, groups, objects,
 * smoothing groups and materials do not change the solid and are skipped; polygons are split into a
 * fan of triangles around their first corner (OBJ polygons are planar and convex).
 */
final class ObjReader {

  private ObjReader() {}

  static Mesh read(String fileName, byte[] bytes) {
    if (bytes.length == 0) {
      throw new MeshFormatException(fileName, "empty file");
    }
    TextLines lines = new TextLines(fileName, bytes);
    MeshBuilder builder = new MeshBuilder(Math.max(16, bytes.length / 60));
    // OBJ vertex number (1-based) -> welded index: OBJ files may repeat positions too.
    int[] welded = new int[1024];
    int objVertices = 0;
    int[] polygon = new int[8];
    while (lines.next()) {
      int tokens = lines.tokensBeforeComment();
      if (tokens == 0) {
        continue;
      }
      if (lines.is(0, "v")) {
        if (tokens < 4) {
          throw lines.error("expected 'v x y z', found " + (tokens - 1) + " values");
        }
        if (objVertices == welded.length) {
          welded = Arrays.copyOf(welded, objVertices * 2);
        }
        // A fourth value (w, or r g b colours) does not move the vertex.
        welded[objVertices++] = builder.vertex(lines.number(1), lines.number(2), lines.number(3));
      } else if (lines.is(0, "f")) {
        int corners = tokens - 1;
        if (corners < 3) {
          throw lines.error("a face needs at least 3 vertices, found " + corners);
        }
        if (corners > polygon.length) {
          polygon = new int[corners];
        }
        for (int k = 0; k < corners; k++) {
          polygon[k] = welded[index(lines, k + 1, objVertices) - 1];
        }
        for (int k = 1; k + 1 < corners; k++) {
          builder.triangle(polygon[0], polygon[k], polygon[k + 1]);
        }
      }
      // Everything else (vt, vn, vp, g, o, s, usemtl, mtllib, l, comments) is not geometry.
    }
    if (objVertices == 0) {
      throw new MeshFormatException(fileName, "no vertices ('v' lines)");
    }
    return StlReader.finish(fileName, builder);
  }

  /**
   * The 1-based vertex number of a face corner ({@code v}, {@code v/vt}, {@code v//vn}, {@code
   * v/vt/vn}); negative numbers count back from the last vertex defined so far.
   */
  private static int index(TextLines lines, int token, int defined) {
    String text = lines.token(token);
    int slash = text.indexOf('/');
    String number = slash < 0 ? text : text.substring(0, slash);
    int value;
    try {
      value = Integer.parseInt(number);
    } catch (NumberFormatException e) {
      throw lines.error("'" + text + "' is not a vertex index");
    }
    int resolved = value < 0 ? defined + 1 + value : value;
    if (value == 0 || resolved < 1 || resolved > defined) {
      throw lines.error(
          "face refers to vertex "
              + value
              + " but "
              + defined
              + (defined == 1 ? " vertex is" : " vertices are")
              + " defined so far");
    }
    return resolved;
  }
}
