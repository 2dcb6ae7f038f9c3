package org.benchwright.desktop.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.engine.mjcf.CompiledScene;
import org.benchwright.engine.mjcf.SceneCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which drawing the viewer shows, MuJoCo's or its own reader's, and what it says about it. */
class CompiledViewTest {

  /** One body with a box, as MuJoCo would export it. */
  static final String REPORT =
      """
      {"ok": true, "verdict": "ok", "mujoco_version": "3.14.0",
       "compile": {"ok": true, "error": null, "line": null},
       "scene": {
        "bodies": [{"name": "world", "parent": 0, "pos": [0,0,0], "quat": [1,0,0,0]},
                   {"name": null, "parent": 0, "pos": [0,0,0.5], "quat": [1,0,0,0]}],
        "geoms": [{"name": "floor", "body": 0, "type": "plane", "size": [0,0,1], "pos": [0,0,0],
                   "quat": [1,0,0,0], "rgba": [0.5,0.5,0.5,1], "mesh": null, "hfield": null,
                   "group": 0, "material": null},
                  {"name": "car", "body": 1, "type": "mesh", "size": [0,0,0], "pos": [0,0,0],
                   "quat": [1,0,0,0], "rgba": [1,0,0,1], "mesh": 0, "hfield": null,
                   "group": 0, "material": null}],
        "meshes": [{"name": "chasis", "vertices": [0,0,0, 1,0,0, 0,1,0], "faces": [0,1,2]}],
        "flexes": [], "hfields": [],
        "counts": {"nbody": 2, "ngeom": 2, "nmesh": 1, "nflex": 0, "nhfield": 0},
        "truncated": false}}
      """;

  static final String POSES =
      """
      {"poses": {"every": 1, "truncated": false, "bodies": ["body#1"],
       "frames": [{"t": 0, "pos": [[0,0,0.5]], "quat": [[1,0,0,0]]},
                  {"t": 1, "pos": [[0,0,0.1]], "quat": [[1,0,0,0]]}]}}
      """;

  @TempDir Path dir;

  private final MeshReader noFiles =
      (name, content) -> {
        throw new IllegalArgumentException("no mesh files in these tests");
      };

  private ViewerViewModel viewModel(SceneLoader.Compiler compiler) {
    return new ViewerViewModel(new RunCursor(), new CurrentThreadUiExecutor(), noFiles, compiler);
  }

  private Path scene() throws Exception {
    return Files.writeString(
        dir.resolve("car.xml"),
        """
        <mujoco>
          <asset><mesh name="chasis" vertex="0 0 0 1 0 0 0 1 0 0 0 1"/></asset>
          <worldbody><geom name="floor" type="plane" size="0 0 1"/>
            <body pos="0 0 0.5"><freejoint/><geom name="car" type="mesh" mesh="chasis"/></body>
          </worldbody>
        </mujoco>
        """);
  }

  @Test
  void aCompiledSceneIsDrawnFromMujocosModelAndSaysSo() throws Exception {
    ViewerViewModel vm =
        viewModel(
            (path, files) -> CompiledScene.read(REPORT.getBytes(StandardCharsets.UTF_8), path));
    vm.openFile(scene());
    LoadedScene shown = vm.sceneProperty().get();
    assertThat(shown.model().compiledBy()).isEqualTo("MuJoCo 3.14.0");
    assertThat(shown.counts().ngeom()).isEqualTo(2);
    assertThat(shown.meshes()).containsKey("chasis");
    assertThat(vm.originProperty().get()).isEqualTo("Drawn from MuJoCo 3.14.0's compiled model");
    assertThat(vm.errorProperty().get()).isEmpty();
  }

  @Test
  void posesOfACompiledSceneMatchBodiesByMujocosNumbering() throws Exception {
    ViewerViewModel vm =
        viewModel(
            (path, files) -> CompiledScene.read(REPORT.getBytes(StandardCharsets.UTF_8), path));
    vm.openFile(scene());
    vm.openFile(Files.writeString(dir.resolve("car.check.json"), POSES));
    assertThat(vm.bodyPoses(1)).containsOnlyKeys(1);
    assertThat(vm.bodyPoses(1).get(1).z()).isEqualTo(0.1);
  }

  @Test
  void withoutDockerTheReaderDrawsAndTheViewerSaysWhy() throws Exception {
    ViewerViewModel vm =
        viewModel(
            (path, files) -> {
              throw new SceneCompiler.UnavailableException(
                  SceneCompiler.Reason.NO_ENGINE,
                  "MuJoCo's view not made: No Docker engine answers at unix:///var/run/docker.sock.",
                  null);
            });
    vm.openFile(scene());
    assertThat(vm.sceneProperty().get().model().compiledBy()).isNull();
    assertThat(vm.sceneProperty().get().model().geoms()).hasSize(2);
    assertThat(vm.originProperty().get())
        .isEqualTo(
            "Drawn by Benchwright's own MJCF reader: no Docker engine answers (or the cad-sim"
                + " image is missing) — MuJoCo-compiled view unavailable");
    assertThat(vm.notes()).anyMatch(n -> n.contains("No Docker engine answers"));
  }

  @Test
  void aSceneMujocoRefusesShowsItsErrorOverTheReadersDrawing() throws Exception {
    String refused =
        """
        {"ok": false, "verdict": "compile_error", "mujoco_version": "3.14.0",
         "compile": {"ok": false, "error": "mesh 'chasis': too few vertices", "line": 3}}
        """;
    ViewerViewModel vm =
        viewModel(
            (path, files) -> CompiledScene.read(refused.getBytes(StandardCharsets.UTF_8), path));
    vm.openFile(scene());
    assertThat(vm.sceneProperty().get().model().geoms()).hasSize(2);
    assertThat(vm.errorProperty().get())
        .isEqualTo(
            "MuJoCo 3.14.0 cannot compile car.xml (line 3): mesh 'chasis': too few vertices");
    assertThat(vm.originProperty().get())
        .startsWith("Drawn by Benchwright's own MJCF reader: MuJoCo cannot compile");
  }

  @Test
  void malformedExportOrABrokenCompilerFallsBackWithoutACrash() throws Exception {
    ViewerViewModel bad =
        viewModel(
            (path, files) ->
                CompiledScene.read("{\"ok\": tru".getBytes(StandardCharsets.UTF_8), path));
    bad.openFile(scene());
    // the raw export error is not an UnavailableException: still drawn by the reader
    assertThat(bad.sceneProperty().get()).isNotNull();
    assertThat(bad.originProperty().get())
        .contains("MuJoCo's view failed")
        .contains("not valid JSON");
  }
}
