package org.benchwright.engine.mjcf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.SandboxSession;
import org.benchwright.engine.sandbox.Sandboxes;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MuJoCo in the real cad-sim image compiles the fixture scenes (attach, replicate, inline meshes,
 * flexcomp, hfield) and the compiler reads its export. Skipped while the image's mjcf-check
 * predates {@code --scene}.
 */
@ExtendWith(DockerRequired.class)
class SceneCompilerIT {

  private static SceneCompiler compiler;

  @BeforeAll
  static void start() {
    try (Sandboxes s =
            Sandboxes.start(Sandboxes.Settings.forOwner("scene-it-probe").withWarmPool(0));
        SandboxSession session = s.open("probe")) {
      ExecResult help = session.run("mjcf-check --help 2>&1", Duration.ofSeconds(30));
      Assumptions.assumeTrue(
          help.stdoutText().contains("--scene"),
          "the cad-sim image's mjcf-check has no --scene export yet");
    }
    compiler = SceneCompiler.overDocker("scene-it-" + ProcessHandle.current().pid());
  }

  @AfterAll
  static void stop() {
    if (compiler != null) {
      compiler.close();
    }
  }

  private static SceneFiles fixtures() throws URISyntaxException {
    return SceneFiles.directory(
        Path.of(SceneCompilerIT.class.getResource("/fixtures/compiled/scene.xml").toURI())
            .getParent());
  }

  @Test
  void mujocoCompilesAttachReplicateInlineMeshesFlexAndHeightFields() throws Exception {
    CompiledScene.Outcome o = compiler.compile("scene.xml", fixtures());
    assertThat(o).isInstanceOf(CompiledScene.Compiled.class);
    CompiledScene c = ((CompiledScene.Compiled) o).scene();
    SceneModel m = c.model();
    assertThat(m.compiledBy()).startsWith("MuJoCo 3.");
    assertThat(c.counts().ngeom()).isEqualTo(m.geoms().size() + m.zones().size());
    // floor, hfield, wedge, 3 × (link, palm); the flag's own geoms are MuJoCo's business
    assertThat(m.geoms())
        .extracting(SceneModel.Geom::name)
        .contains("floor", "bumps", "wedge", "r_link-0", "r_palm-2");
    assertThat(m.bodies()).hasSize(c.counts().nbody());
    assertThat(m.flexes()).singleElement().satisfies(f -> assertThat(f.dim()).isEqualTo(2));
    assertThat(m.hfields()).hasSize(1);
    assertThat(m.meshes()).hasSizeGreaterThanOrEqualTo(2);
  }

  /** A binary STL of one tetrahedron (4 facets), as OpenSCAD's export would be read. */
  private static byte[] tetrahedron() {
    float[][] v = {{0, 0, 0}, {0.1f, 0, 0}, {0, 0.1f, 0}, {0, 0, 0.1f}};
    int[][] f = {{0, 2, 1}, {0, 1, 3}, {0, 3, 2}, {1, 2, 3}};
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(84 + 50 * f.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.position(80);
    b.putInt(f.length);
    for (int[] t : f) {
      b.putFloat(0).putFloat(0).putFloat(0);
      for (int i : t) {
        b.putFloat(v[i][0]).putFloat(v[i][1]).putFloat(v[i][2]);
      }
      b.putShort((short) 0);
    }
    return b.array();
  }

  @Test
  void aSceneTheEngineComposedWithWorkspacePathsCompilesFromTheRunsFiles() throws Exception {
    // The engineer workflow's composed scene names the solution's meshes as /workspace/...: the
    // run's files are laid out at the workspace's root, as in the run's own sandbox.
    String xml =
        "<mujoco><asset><mesh name='part' file='/workspace/parts/tet.stl'/></asset>"
            + "<worldbody><geom type='plane' size='1 1 0.1'/>"
            + "<body pos='0 0 0.2'><geom type='mesh' mesh='part'/></body></worldbody></mujoco>";
    SceneFiles files =
        SceneFiles.of(
            java.util.Map.of(
                "benchmark/with-solution.xml", xml.getBytes(), "parts/tet.stl", tetrahedron()));
    CompiledScene.Outcome o = compiler.compile("benchmark/with-solution.xml", files);
    assertThat(o).as("%s", o).isInstanceOf(CompiledScene.Compiled.class);
    assertThat(((CompiledScene.Compiled) o).scene().model().meshes()).hasSize(1);
  }

  @Test
  void aWarmSandboxOpensASceneWellUnderASecond() throws Exception {
    compiler.compile("scene.xml", fixtures());
    long t0 = System.nanoTime();
    compiler.compile("scene.xml", fixtures());
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void aSceneMujocoRefusesComesBackWithItsMessageAndLine() throws Exception {
    CompiledScene.Outcome o = compiler.compile("typo.xml", fixtures());
    assertThat(o).isInstanceOf(CompiledScene.Refused.class);
    CompiledScene.CompileError e = ((CompiledScene.Refused) o).error();
    assertThat(e.error()).contains("sise");
    assertThat(e.line()).isEqualTo(3);
  }

  @Test
  void everyListedGeomIsOneTheViewerCanPlace() throws Exception {
    CompiledScene c = ((CompiledScene.Compiled) compiler.compile("scene.xml", fixtures())).scene();
    for (SceneModel.Geom g : c.model().geoms()) {
      assertThat(g.body()).isBetween(0, c.model().bodies().size() - 1);
      if (g.type() == SceneModel.GeomType.MESH) {
        assertThat(c.model().mesh(g.mesh())).as(g.name()).isNotNull();
      }
    }
    assertThat(List.of(c.counts().nflex())).containsExactly(1);
  }
}
