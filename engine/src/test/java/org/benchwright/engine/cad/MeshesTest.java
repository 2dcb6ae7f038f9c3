package org.benchwright.engine.cad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshesTest {

  @TempDir Path dir;

  private final Shapes cube = Shapes.cube(10);

  @Test
  void binaryStlWeldsEachCornerOnce() {
    Mesh mesh = Meshes.read("cube.stl", cube.binaryStl());
    assertThat(mesh.triangleCount()).isEqualTo(12);
    assertThat(mesh.vertexCount()).isEqualTo(8);
  }

  @Test
  void binaryStlWhoseHeaderStartsWithSolidIsReadAsBinary() {
    byte[] bytes = cube.binaryStl();
    assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("solid");
    assertThat(Meshes.read("cube.STL", bytes).triangleCount()).isEqualTo(12);
  }

  @Test
  void asciiStlGivesTheSameMeshAsBinary() {
    assertThat(Meshes.read("cube.stl", cube.asciiStl()))
        .isEqualTo(Meshes.read("cube.stl", cube.binaryStl()));
  }

  @Test
  void objWithEveryCornerFormAndNegativeIndicesGivesTheSameMesh() {
    String text = new String(cube.obj(), StandardCharsets.US_ASCII);
    assertThat(text).contains("//1", "/1/1", "f -");
    Mesh obj = Meshes.read("cube.obj", cube.obj());
    assertThat(obj.vertexCount()).isEqualTo(8);
    assertThat(corners(obj)).isEqualTo(corners(Meshes.read("cube.stl", cube.binaryStl())));
  }

  @Test
  void objPolygonsAreSplitIntoFans() {
    String obj =
        """
        v 0 0 0
        v 10 0 0
        v 10 10 0
        v 0 10 0
        v 5 15 0 # apex
        f 1 2 3 5 4 # a pentagon
        """;
    Mesh mesh = Meshes.read("pentagon.OBJ", obj.getBytes(StandardCharsets.US_ASCII));
    assertThat(mesh.triangles()).containsExactly(0, 1, 2, 0, 2, 4, 0, 4, 3);
    assertThat(MeshAnalysis.analyze(mesh).surfaceArea()).isCloseTo(125.0, within());
  }

  @Test
  void readsFilesByExtension() throws Exception {
    Path stl = Files.write(dir.resolve("part.Stl"), cube.binaryStl());
    Path obj = Files.write(dir.resolve("part.obj"), cube.obj());
    assertThat(Meshes.read(stl).triangleCount()).isEqualTo(12);
    assertThat(Meshes.read(obj).vertexCount()).isEqualTo(8);
  }

  @Test
  void weldingMergesNegativeAndPositiveZero() {
    String obj = "v 0 0 0\nv 1 0 0\nv 0 1 0\nv -0.0 0 -0\nf 1 2 3\nf 4 3 2\n";
    Mesh mesh = Meshes.read("z.obj", obj.getBytes(StandardCharsets.US_ASCII));
    assertThat(mesh.vertexCount()).isEqualTo(3);
  }

  @Test
  void truncatedBinaryStlSaysHowManyTrianglesTheHeaderPromised() {
    byte[] full = Shapes.cube(10).binaryStl();
    ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN).putInt(80, 1000);
    assertThatThrownBy(() -> Meshes.read("part.stl", full))
        .isInstanceOf(MeshFormatException.class)
        .hasMessage(
            "part.stl: truncated binary STL: header says 1000 triangles, the file holds 12");
  }

  @Test
  void binaryStlCutShortMidTriangleIsTruncated() {
    byte[] cut = Arrays.copyOf(cube.binaryStl(), 84 + 50 * 5 + 20);
    cut[0] = 'x'; // not "solid": cannot be ASCII
    assertThatThrownBy(() -> Meshes.read("part.stl", cut))
        .hasMessage("part.stl: truncated binary STL: header says 12 triangles, the file holds 5");
  }

  @Test
  void emptyFilesAreRejected() {
    assertThatThrownBy(() -> Meshes.read("a.stl", new byte[0])).hasMessage("a.stl: empty file");
    assertThatThrownBy(() -> Meshes.read("a.obj", new byte[0])).hasMessage("a.obj: empty file");
  }

  @Test
  void nonFiniteCoordinatesAreRejected() {
    byte[] bytes = cube.binaryStl();
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(84 + 50 * 3 + 16, Float.NaN);
    assertThatThrownBy(() -> Meshes.read("n.stl", bytes))
        .hasMessageStartingWith("n.stl: binary STL triangle 4 has a coordinate that is not finite");
    String ascii = new String(cube.asciiStl(), StandardCharsets.US_ASCII);
    String inf = ascii.replaceFirst("vertex 10.0", "vertex Infinity");
    assertThatThrownBy(() -> Meshes.read("i.stl", inf.getBytes(StandardCharsets.US_ASCII)))
        .hasMessageMatching("i\\.stl: line \\d+: coordinate 'Infinity' is not finite");
    assertThatThrownBy(
            () -> Meshes.read("n.obj", "v 0 0 0\nv NaN 0 0\n".getBytes(StandardCharsets.US_ASCII)))
        .hasMessage("n.obj: line 2: coordinate 'NaN' is not finite");
  }

  @Test
  void badNumbersNameTheLine() {
    String ascii =
        "solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1,5 0\n";
    assertThatThrownBy(() -> Meshes.read("b.stl", ascii.getBytes(StandardCharsets.US_ASCII)))
        .hasMessage("b.stl: line 6: '1,5' is not a number");
    assertThatThrownBy(
            () -> Meshes.read("b.obj", "v 0 0 0\nv 1 0\n".getBytes(StandardCharsets.US_ASCII)))
        .hasMessage("b.obj: line 2: expected 'v x y z', found 2 values");
    assertThatThrownBy(
            () ->
                Meshes.read(
                    "b.obj",
                    "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 x\n".getBytes(StandardCharsets.US_ASCII)))
        .hasMessage("b.obj: line 4: 'x' is not a vertex index");
  }

  @Test
  void faceIndexOutOfRangeNamesTheLine() {
    byte[] obj = "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 4\n".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> Meshes.read("f.obj", obj))
        .hasMessage("f.obj: line 4: face refers to vertex 4 but 3 vertices are defined so far");
    byte[] negative = "v 0 0 0\nv 1 0 0\nv 0 1 0\nf -1 -2 -4\n".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> Meshes.read("f.obj", negative))
        .hasMessage("f.obj: line 4: face refers to vertex -4 but 3 vertices are defined so far");
    byte[] zero = "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 0 1 2\n".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> Meshes.read("f.obj", zero))
        .hasMessageContaining("line 4: face refers to vertex 0");
  }

  @Test
  void filesWithoutTrianglesAreRejected() {
    assertThatThrownBy(
            () ->
                Meshes.read(
                    "e.stl", "solid empty\nendsolid empty\n".getBytes(StandardCharsets.US_ASCII)))
        .hasMessage("e.stl: no triangles");
    assertThatThrownBy(
            () -> Meshes.read("e.obj", "v 0 0 0\nv 1 1 1\n".getBytes(StandardCharsets.US_ASCII)))
        .hasMessage("e.obj: no triangles");
    assertThatThrownBy(
            () -> Meshes.read("e.obj", "# nothing\n".getBytes(StandardCharsets.US_ASCII)))
        .hasMessage("e.obj: no vertices ('v' lines)");
    byte[] zeroCount = Arrays.copyOf("binary".getBytes(StandardCharsets.US_ASCII), 84);
    assertThatThrownBy(() -> Meshes.read("e.stl", zeroCount))
        .hasMessage("e.stl: no triangles (binary STL with a count of 0)");
    byte[] degenerate = "v 0 0 0\nv 1 0 0\nf 1 2 2\n".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> Meshes.read("d.obj", degenerate))
        .hasMessage("d.obj: no triangles with area (1 degenerate dropped)");
  }

  @Test
  void malformedAsciiStructureIsExplained() {
    String quad =
        "solid q\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 1 1 0\n"
            + "vertex 0 1 0\nendloop\nendfacet\nendsolid\n";
    assertThatThrownBy(() -> Meshes.read("q.stl", quad.getBytes(StandardCharsets.US_ASCII)))
        .hasMessage("q.stl: line 7: a facet has more than 3 vertices (STL facets are triangles)");
    String cut = "solid c\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\n";
    assertThatThrownBy(() -> Meshes.read("c.stl", cut.getBytes(StandardCharsets.US_ASCII)))
        .hasMessage("c.stl: the file ends inside a facet (line 4)");
    assertThatThrownBy(
            () ->
                Meshes.read(
                    "w.stl", "solid w\nfacet\nbogus 1 2 3\n".getBytes(StandardCharsets.US_ASCII)))
        .hasMessage("w.stl: line 3: unexpected 'bogus' in an ASCII STL");
  }

  @Test
  void shortNonStlAndUnknownExtensionsAreRejected() {
    assertThatThrownBy(() -> Meshes.read("x.stl", "hello".getBytes(StandardCharsets.US_ASCII)))
        .hasMessageContaining("x.stl: not an STL file");
    assertThatThrownBy(() -> Meshes.read("x.ply", cube.binaryStl()))
        .hasMessage("x.ply: not a mesh file: expected the extension .stl or .obj");
    assertThatThrownBy(() -> Meshes.read(dir.resolve("missing.stl")))
        .isInstanceOf(MeshFormatException.class)
        .hasMessageStartingWith("missing.stl: cannot read the file");
  }

  @Test
  void accessorsReturnCopiesSoTheMeshStaysImmutable() {
    Mesh mesh = cube.mesh();
    mesh.points()[0] = 99;
    mesh.triangles()[0] = 5;
    assertThat(mesh.points()[0]).isEqualTo(0);
    assertThat(mesh.triangles()[0]).isEqualTo(0);
  }

  /** Each triangle's corner coordinates in order: equal for meshes numbered differently. */
  private static float[] corners(Mesh mesh) {
    float[] p = mesh.points();
    int[] t = mesh.triangles();
    float[] out = new float[3 * t.length];
    for (int i = 0; i < t.length; i++) {
      System.arraycopy(p, 3 * t[i], out, 3 * i, 3);
    }
    return out;
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
