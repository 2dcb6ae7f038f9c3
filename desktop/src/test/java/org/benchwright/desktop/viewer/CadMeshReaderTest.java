package org.benchwright.desktop.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.benchwright.bench.BinaryStl;
import org.benchwright.engine.cad.MeshFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CadMeshReaderTest {

  @TempDir Path dir;

  @Test
  void aBinaryStlCubeBecomesWeldedTriangleMeshArrays() throws Exception {
    Path cube = dir.resolve("cube.stl");
    BinaryStl.writeCube(cube);

    MeshData data = CadMeshReader.read("meshes/cube.stl", Files.readAllBytes(cube));

    assertThat(data.triangleCount()).isEqualTo(12);
    assertThat(data.points()).hasSize(8 * 3); // welded: 36 corners, 8 distinct points
    assertThat(data.faces()).hasSize(12 * 6);
    // Every odd entry is the single texture coordinate 0; smoothing group 0 means flat shading.
    for (int i = 1; i < data.faces().length; i += 2) {
      assertThat(data.faces()[i]).isZero();
    }
    assertThat(Arrays.stream(data.smoothingGroups()).allMatch(g -> g == 0)).isTrue();
    assertThat(CadMeshReader.triangleCount(cube)).isEqualTo(12);
  }

  @Test
  void aTruncatedStlIsRefusedWithTheEnginesMessage() throws Exception {
    Path cube = dir.resolve("cube.stl");
    BinaryStl.writeCube(cube);
    byte[] cut = Arrays.copyOf(Files.readAllBytes(cube), 84 + 50 * 5);

    assertThatThrownBy(() -> CadMeshReader.read("meshes/cut.stl", cut))
        .isInstanceOf(MeshFormatException.class)
        .hasMessage("cut.stl: truncated binary STL: header says 12 triangles, the file holds 5");
  }
}
