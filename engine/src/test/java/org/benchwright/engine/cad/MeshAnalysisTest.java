package org.benchwright.engine.cad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MeshAnalysisTest {

  /** The same shape read back from each file format it can be written in. */
  private static Map<String, Mesh> formats(Shapes s) {
    return Map.of(
        "ascii.stl", Meshes.read("ascii.stl", s.asciiStl()),
        "binary.stl", Meshes.read("binary.stl", s.binaryStl()),
        "part.obj", Meshes.read("part.obj", s.obj()));
  }

  private static void forEachFormat(Shapes s, Function<MeshStats, Object> check) {
    formats(s).forEach((name, mesh) -> check.apply(MeshAnalysis.analyze(mesh)));
  }

  @Test
  void tenMillimetreCubeHasVolume1000AndArea600() {
    forEachFormat(
        Shapes.cube(10),
        s -> {
          assertThat(s.volume()).isCloseTo(1000, offset(1e-9));
          assertThat(s.surfaceArea()).isCloseTo(600, offset(1e-9));
          assertThat(s.bounds()).isEqualTo(new Bounds(0, 0, 0, 10, 10, 10));
          assertThat(s.watertight()).isTrue();
          assertThat(s.outwardFacing()).isTrue();
          return assertThat(s.bodies()).isEqualTo(1);
        });
  }

  @Test
  void cubeFarFromTheOriginKeepsItsVolume() {
    MeshStats s = MeshAnalysis.analyze(Shapes.box(1000, 2000, 3000, 1010, 2010, 3010).mesh());
    assertThat(s.volume()).isCloseTo(1000, offset(1e-6));
  }

  @Test
  void octahedronMatchesTheExactFormulas() {
    double r = 7;
    forEachFormat(
        Shapes.octahedron(r),
        s -> {
          assertThat(s.volume()).isCloseTo(4.0 / 3 * r * r * r, offset(1e-4));
          assertThat(s.surfaceArea()).isCloseTo(4 * Math.sqrt(3) * r * r, offset(1e-4));
          return assertThat(s.watertight()).isTrue();
        });
  }

  @Test
  void uvSphereApproachesTheBallFromInside() {
    double r = 10;
    double ball = 4.0 / 3 * Math.PI * r * r * r;
    double sphere = 4 * Math.PI * r * r;
    // 96 x 48 facets: an inscribed polyhedron loses under 0.5 % of volume and area.
    forEachFormat(
        Shapes.sphere(r, 96, 48),
        s -> {
          assertThat(s.volume()).isLessThan(ball).isGreaterThan(0.995 * ball);
          assertThat(s.surfaceArea()).isLessThan(sphere).isGreaterThan(0.995 * sphere);
          assertThat(s.watertight()).isTrue();
          return assertThat(s.bodies()).isEqualTo(1);
        });
  }

  @Test
  void torusOfFortyThousandTrianglesWeldsBackToItsGrid() {
    // Enough vertices to make the weld table grow; the exact torus volume is 2π² R r², the
    // inscribed polyhedron a little less.
    double exact = 2 * Math.PI * Math.PI * 40 * 10 * 10;
    forEachFormat(
        Shapes.torus(40, 10, 200, 100),
        s -> {
          assertThat(s.vertices()).isEqualTo(20_000);
          assertThat(s.triangles()).isEqualTo(40_000);
          assertThat(s.watertight()).isTrue();
          assertThat(s.bodies()).isEqualTo(1);
          return assertThat(s.volume()).isLessThan(exact).isGreaterThan(0.995 * exact);
        });
  }

  @Test
  void boxWithThroughHoleIsOneWatertightBody() {
    // 10 x 10 x 10 with a 4 x 4 hole: volume 1000 - 160, area 2 (100 - 16) + 400 + 160.
    forEachFormat(
        Shapes.boxWithHole(10, 4, 10),
        s -> {
          assertThat(s.volume()).isCloseTo(840, offset(1e-9));
          assertThat(s.surfaceArea()).isCloseTo(728, offset(1e-9));
          assertThat(s.watertight()).isTrue();
          assertThat(s.triangles()).isEqualTo(32);
          return assertThat(s.bodies()).isEqualTo(1);
        });
  }

  @Test
  void twoDisjointCubesAreTwoBodies() {
    forEachFormat(
        Shapes.cube(10).plus(Shapes.box(20, 0, 0, 25, 5, 5)),
        s -> {
          assertThat(s.bodies()).isEqualTo(2);
          assertThat(s.watertight()).isTrue();
          return assertThat(s.volume()).isCloseTo(1125, offset(1e-9));
        });
  }

  @Test
  void cubeMissingAFaceIsNotWatertight() {
    forEachFormat(
        Shapes.cube(10).without(2, 4),
        s -> {
          assertThat(s.watertight()).isFalse();
          assertThat(s.boundaryEdges()).isEqualTo(4);
          return assertThat(s.nonManifoldEdges()).isZero();
        });
  }

  @Test
  void flippedFaceIsNotWatertightAndInsideOutIsNotOutward() {
    Shapes cube = Shapes.cube(10);
    int[] t = cube.triangles.clone();
    t[1] = cube.triangles[2];
    t[2] = cube.triangles[1];
    MeshStats flipped = MeshAnalysis.analyze(new Shapes(cube.points, t).mesh());
    assertThat(flipped.watertight()).isFalse();
    assertThat(flipped.misorientedEdges()).isEqualTo(3);
    assertThat(flipped.boundaryEdges()).isZero();
    assertThat(flipped.consistentlyOriented()).isFalse();

    MeshStats insideOut = MeshAnalysis.analyze(cube.flipped().mesh());
    assertThat(insideOut.watertight()).isTrue();
    assertThat(insideOut.signedVolume()).isCloseTo(-1000, offset(1e-9));
    assertThat(insideOut.outwardFacing()).isFalse();
  }

  @Test
  void nonManifoldEdgeIsCounted() {
    // Two cubes sharing one edge: that edge has four triangles.
    Shapes pair = Shapes.cube(10).plus(Shapes.box(10, 10, 0, 20, 20, 10));
    Mesh mesh = Meshes.read("pair.stl", pair.binaryStl());
    MeshStats s = MeshAnalysis.analyze(mesh);
    assertThat(s.nonManifoldEdges()).isEqualTo(1);
    assertThat(s.watertight()).isFalse();
    assertThat(s.bodies()).isEqualTo(1);
    assertThat(s.vertices()).isEqualTo(14);
  }
}
