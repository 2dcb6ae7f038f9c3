package org.benchwright.engine.cad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TriangleGridTest {

  @Test
  void gridFindsTheSameNearestHitAsTestingEveryTriangle() {
    SplittableRandom random = new SplittableRandom(3);
    for (Shapes shape :
        new Shapes[] {
          Shapes.torus(40, 10, 120, 60), Shapes.sphere(5, 40, 20), Shapes.tray(40, 20, 2)
        }) {
      Mesh mesh = shape.mesh();
      Bounds b = Bounds.of(mesh);
      TriangleGrid grid = new TriangleGrid(mesh, b);
      int hits = 0;
      for (int i = 0; i < 2_000; i++) {
        double[] o = {
          b.minX() + random.nextDouble() * b.sizeX(),
          b.minY() + random.nextDouble() * b.sizeY(),
          b.minZ() + random.nextDouble() * b.sizeZ()
        };
        double[] d = {
          random.nextDouble() - 0.5, random.nextDouble() - 0.5, random.nextDouble() - 0.5
        };
        if (i % 10 == 0) {
          d = new double[] {0, 0, i % 20 == 0 ? 1 : -1}; // axis-parallel rays too
        }
        double length = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        for (int k = 0; k < 3; k++) {
          d[k] /= length;
        }
        double expected = Thickness.nearestHitBruteForce(mesh.points, mesh.triangles, o, d);
        assertThat(grid.nearestHit(o, d)).isEqualTo(expected);
        hits += Double.isFinite(expected) ? 1 : 0;
      }
      assertThat(hits).isGreaterThan(500);
    }
  }
}
