package org.benchwright.engine.cad;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** STL, binary or ASCII. */
final class StlReader {

  private static final VarHandle FLOAT_LE =
      MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int HEADER = 84;
  private static final int RECORD = 50;

  private StlReader() {}

  static Mesh read(String fileName, byte[] bytes) {
    if (bytes.length == 0) {
      throw new MeshFormatException(fileName, "empty file");
    }
    if (bytes.length >= HEADER && HEADER + RECORD * triangleCount(bytes) == bytes.length) {
      // The size decides first: binary files often start with "solid" too (their 80-byte header
      // is free text), while an ASCII file matching 84 + 50n would need a count field of ASCII
      // bytes, i.e. hundreds of millions of triangles, and a size of gigabytes.
      return binary(fileName, bytes);
    }
    if (startsWithSolid(bytes) && isText(bytes)) {
      return ascii(fileName, bytes);
    }
    if (bytes.length < HEADER) {
      throw new MeshFormatException(
          fileName,
          "not an STL file: it does not start with 'solid' (ASCII STL) and has "
              + bytes.length
              + " bytes, fewer than a binary STL's 84-byte header");
    }
    long declared = triangleCount(bytes);
    long held = (bytes.length - HEADER) / RECORD;
    if (held < declared) {
      throw new MeshFormatException(
          fileName,
          "truncated binary STL: header says " + declared + " triangles, the file holds " + held);
    }
    throw new MeshFormatException(
        fileName,
        "binary STL size does not match its header: header says "
            + declared
            + " triangles ("
            + (HEADER + RECORD * declared)
            + " bytes), the file has "
            + bytes.length
            + " bytes");
  }

  private static long triangleCount(byte[] bytes) {
    return Integer.toUnsignedLong((int) INT_LE.get(bytes, 80));
  }

  private static boolean startsWithSolid(byte[] bytes) {
    int i = 0;
    while (i < bytes.length && Character.isWhitespace(bytes[i])) {
      i++;
    }
    if (bytes.length - i < 5) {
      return false;
    }
    return new String(bytes, i, 5, java.nio.charset.StandardCharsets.US_ASCII)
        .equalsIgnoreCase("solid");
  }

  /**
   * A binary STL that does not match its size may still start with "solid"; its count field and
   * floats hold control bytes (the count's high byte is 0 below 16 million triangles), which an
   * ASCII STL never does.
   */
  private static boolean isText(byte[] bytes) {
    for (int i = 0; i < Math.min(bytes.length, 1024); i++) {
      int b = bytes[i] & 0xFF;
      if (b < 0x09 || (b > 0x0D && b < 0x20)) {
        return false;
      }
    }
    return true;
  }

  private static Mesh binary(String fileName, byte[] bytes) {
    int n = (int) triangleCount(bytes);
    if (n == 0) {
      throw new MeshFormatException(fileName, "no triangles (binary STL with a count of 0)");
    }
    MeshBuilder builder = new MeshBuilder(n);
    int[] corner = new int[3];
    for (int t = 0; t < n; t++) {
      int base = HEADER + RECORD * t + 12; // skip the facet normal: it is recomputed when needed
      for (int k = 0; k < 3; k++) {
        int at = base + 12 * k;
        float x = (float) FLOAT_LE.get(bytes, at);
        float y = (float) FLOAT_LE.get(bytes, at + 4);
        float z = (float) FLOAT_LE.get(bytes, at + 8);
        if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) {
          throw new MeshFormatException(
              fileName,
              "binary STL triangle "
                  + (t + 1)
                  + " has a coordinate that is not finite ("
                  + x
                  + ", "
                  + y
                  + ", "
                  + z
                  + ")");
        }
        corner[k] = builder.vertex(x, y, z);
      }
      builder.triangle(corner[0], corner[1], corner[2]);
    }
    return finish(fileName, builder);
  }

  private static Mesh ascii(String fileName, byte[] bytes) {
    TextLines lines = new TextLines(fileName, bytes);
    MeshBuilder builder = new MeshBuilder(Math.max(16, bytes.length / 250));
    int[] corner = new int[3];
    int inLoop = -1; // vertices seen in the current loop, -1 outside a loop
    boolean inFacet = false;
    while (lines.next()) {
      if (lines.tokens() == 0) {
        continue;
      }
      if (lines.is(0, "vertex")) {
        if (inLoop < 0) {
          throw lines.error("'vertex' outside an 'outer loop'");
        }
        if (lines.tokens() != 4) {
          throw lines.error("expected 'vertex x y z', found " + (lines.tokens() - 1) + " values");
        }
        if (inLoop == 3) {
          throw lines.error("a facet has more than 3 vertices (STL facets are triangles)");
        }
        corner[inLoop++] = builder.vertex(lines.number(1), lines.number(2), lines.number(3));
      } else if (lines.is(0, "facet")) {
        if (inFacet) {
          throw lines.error("'facet' before the previous facet's 'endfacet'");
        }
        inFacet = true;
      } else if (lines.is(0, "outer")) {
        if (!inFacet || inLoop >= 0) {
          throw lines.error("'outer loop' outside a facet");
        }
        inLoop = 0;
      } else if (lines.is(0, "endloop")) {
        if (inLoop != 3) {
          throw lines.error(
              "a facet has " + Math.max(inLoop, 0) + " vertices (STL facets are triangles)");
        }
        builder.triangle(corner[0], corner[1], corner[2]);
        inLoop = -1;
      } else if (lines.is(0, "endfacet")) {
        if (inLoop >= 0) {
          throw lines.error("'endfacet' before 'endloop'");
        }
        inFacet = false;
      } else if (!lines.is(0, "solid") && !lines.is(0, "endsolid")) {
        throw lines.error("unexpected '" + lines.token(0) + "' in an ASCII STL");
      }
    }
    if (inFacet) {
      throw new MeshFormatException(
          fileName, "the file ends inside a facet (line " + lines.lineNumber() + ")");
    }
    return finish(fileName, builder);
  }

  static Mesh finish(String fileName, MeshBuilder builder) {
    if (builder.triangleCount() == 0) {
      throw new MeshFormatException(
          fileName,
          builder.droppedDegenerate() > 0
              ? "no triangles with area (" + builder.droppedDegenerate() + " degenerate dropped)"
              : "no triangles");
    }
    return builder.build();
  }
}
