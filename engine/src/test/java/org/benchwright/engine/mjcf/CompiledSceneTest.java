package org.benchwright.engine.mjcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import org.benchwright.engine.mjcf.SceneModel.GeomType;
import org.junit.jupiter.api.Test;

/** Reading mjcf-check's scene export, against hand-written reports of the documented shape. */
class CompiledSceneTest {

  /** A world with an infinite floor, a box body, a mesh geom, a flag flex and a height field. */
  static final String REPORT =
      """
      {"ok": true, "verdict": "ok", "mujoco_version": "3.14.0",
       "compile": {"ok": true, "error": null, "line": null},
       "model": {"nbody": 3, "ngeom": 5},
       "scene": {
        "bodies": [
          {"name": "world", "parent": 0, "pos": [0,0,0], "quat": [1,0,0,0]},
          {"name": "car", "parent": 0, "pos": [0,0,0.5], "quat": [1,0,0,0]},
          {"name": null, "parent": 1, "pos": [0.1,0,0.5], "quat": [0,0,0,1]}],
        "geoms": [
          {"name": "floor", "body": 0, "type": "plane", "size": [0,0,0.1], "pos": [0,0,0],
           "quat": [1,0,0,0], "rgba": [0.5,0.5,0.5,1], "mesh": null, "hfield": null, "group": 0,
           "material": "grid"},
          {"name": "chassis", "body": 1, "type": "mesh", "size": [0,0,0], "pos": [0,0,0.01],
           "quat": [1,0,0,0], "rgba": [1,0,0,1], "mesh": 0, "hfield": null, "group": 0,
           "material": null},
          {"name": null, "body": 2, "type": "capsule", "size": [0.05,0.2,0], "pos": [0,0,0],
           "quat": [1,0,0,0], "rgba": [0,0,1,1], "mesh": null, "hfield": null, "group": 3,
           "material": null},
          {"name": "terrain", "body": 0, "type": "hfield", "size": [1,1,1], "pos": [5,0,0],
           "quat": [1,0,0,0], "rgba": [0,1,0,1], "mesh": null, "hfield": 0, "group": 0,
           "material": null},
          {"name": "zone_goal", "body": 0, "type": "box", "size": [0.1,0.2,0.3], "pos": [1,1,1],
           "quat": [1,0,0,0], "rgba": [0,1,0,0.3], "mesh": null, "hfield": null, "group": 0,
           "material": null}],
        "meshes": [{"name": "chasis", "vertices": [0,0,0, 1,0,0, 0,1,0, 0,0,1],
                    "faces": [0,2,1, 0,1,3, 0,3,2, 1,2,3]}],
        "flexes": [{"name": "flag", "dim": 2, "rgba": [1,1,1,1], "radius": 0.005,
                    "vertices": [0,0,1, 1,0,1, 0,0,2], "elements": [0,1,2]}],
        "hfields": [{"name": "bumps", "nrow": 2, "ncol": 3, "size": [1,1,0.5,0.1],
                     "data": [0,0.5,1, 1,0.5,0]}],
        "counts": {"nbody": 3, "ngeom": 5, "nmesh": 1, "nflex": 1, "nhfield": 1},
        "truncated": false}}
      """;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static CompiledScene compiled(String report) {
    CompiledScene.Outcome o = CompiledScene.read(bytes(report), "car.xml");
    assertThat(o).isInstanceOf(CompiledScene.Compiled.class);
    return ((CompiledScene.Compiled) o).scene();
  }

  @Test
  void bodiesGeomsMeshesFlexesAndHeightFieldsBecomeTheViewersModel() {
    CompiledScene c = compiled(REPORT);
    SceneModel m = c.model();
    assertThat(m.compiledBy()).isEqualTo("MuJoCo 3.14.0");
    assertThat(c.counts()).isEqualTo(new CompiledScene.Counts(3, 5, 1, 1, 1));
    assertThat(m.bodies()).hasSize(3);
    assertThat(m.body(0).parent()).isEqualTo(-1);
    assertThat(m.body(2).label(2)).isEqualTo("body#2");
    assertThat(m.body(2).parent()).isEqualTo(1);
    assertThat(m.body(2).world().qz()).isCloseTo(1, within(1e-12));
    assertThat(m.geoms())
        .extracting(g -> g.type())
        .containsExactly(GeomType.PLANE, GeomType.MESH, GeomType.CAPSULE, GeomType.HFIELD);
    assertThat(m.geoms().get(0).infinitePlane()).isTrue();
    assertThat(m.geoms().get(1).mesh()).isEqualTo("chasis");
    assertThat(m.mesh("chasis").isInline()).isTrue();
    assertThat(m.mesh("chasis").faces()).hasSize(12);
    assertThat(m.geoms().get(2).visibleByDefault()).as("group 3 is collision geometry").isFalse();
    assertThat(m.geoms().get(3).mesh()).isEqualTo("bumps");
    assertThat(m.hfield("bumps").data()).hasSize(6);
    assertThat(m.zones())
        .singleElement()
        .satisfies(z -> assertThat(z.kind()).isEqualTo(SceneModel.ZoneKind.GOAL));
    assertThat(m.flexes()).singleElement().satisfies(f -> assertThat(f.dim()).isEqualTo(2));
    assertThat(m.warnings()).isEmpty();
  }

  @Test
  void aCompileErrorIsMujocosMessageAndLine() {
    CompiledScene.Outcome o =
        CompiledScene.read(
            bytes(
                """
                {"ok": false, "verdict": "compile_error", "mujoco_version": "3.14.0",
                 "compile": {"ok": false, "error": "XML Error: unrecognized attribute 'sise'",
                             "line": 7}, "model": null}
                """),
            "scene.xml");
    assertThat(o).isInstanceOf(CompiledScene.Refused.class);
    CompiledScene.CompileError e = ((CompiledScene.Refused) o).error();
    assertThat(e.line()).isEqualTo(7);
    assertThat(e.describe("scene.xml"))
        .isEqualTo(
            "MuJoCo 3.14.0 cannot compile scene.xml (line 7): XML Error: unrecognized attribute"
                + " 'sise'");
  }

  @Test
  void malformedJsonIsAnExportErrorWithItsLine() {
    assertThatThrownBy(() -> CompiledScene.read(bytes("{\"ok\": true,\n \"scene\": [1,"), "a.xml"))
        .isInstanceOf(CompiledScene.ExportException.class)
        .hasMessageContaining("not valid JSON (line 2)");
    assertThatThrownBy(() -> CompiledScene.read(new byte[0], "a.xml"))
        .isInstanceOf(CompiledScene.ExportException.class)
        .hasMessageContaining("printed nothing");
  }

  @Test
  void aReportWithoutASceneSaysTheImageIsTooOld() {
    assertThatThrownBy(
            () ->
                CompiledScene.read(
                    bytes("{\"ok\": true, \"compile\": {\"ok\": true}, \"model\": {}}"), "a.xml"))
        .isInstanceOf(CompiledScene.ExportException.class)
        .hasMessageContaining("rebuild cad-sim");
  }

  @Test
  void inconsistentIndicesNameTheField() {
    String badFace = REPORT.replace("\"faces\": [0,2,1,", "\"faces\": [0,2,9,");
    assertThatThrownBy(() -> compiled(badFace))
        .isInstanceOf(CompiledScene.ExportException.class)
        .hasMessageContaining("scene.meshes[0].faces[2]: 9 is not a vertex index (there are 4)");
    String badBody = REPORT.replace("\"body\": 2,", "\"body\": 7,");
    assertThatThrownBy(() -> compiled(badBody))
        .hasMessageContaining("scene.geoms[2].body: expected an index below 3");
    String nanPos = REPORT.replace("\"pos\": [0.1,0,0.5]", "\"pos\": [null,0,0.5]");
    assertThatThrownBy(() -> compiled(nanPos))
        .hasMessageContaining("scene.bodies[2].pos[0]: not a finite number");
  }

  @Test
  void aTruncatedExportIsDrawnWithAWarning() {
    CompiledScene c =
        compiled(
            REPORT.replace(
                "\"truncated\": false",
                "\"truncated\": true, \"truncated_reason\": \"more than 4 Mi numbers\""));
    assertThat(c.model().warnings())
        .singleElement()
        .asString()
        .contains("cut short (more than 4 Mi numbers)");
  }
}
