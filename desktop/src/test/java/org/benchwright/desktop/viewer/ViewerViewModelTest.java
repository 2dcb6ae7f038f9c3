package org.benchwright.desktop.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.CurrentThreadUiExecutor;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.mjcf.SceneModel.Geom;
import org.benchwright.engine.mjcf.SceneModel.Rgba;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The viewer's state over a real project file, with work run on the calling thread. */
class ViewerViewModelTest {

  static final String RED_BOX =
      """
      <mujoco>
        <worldbody>
          <geom name="floor" type="plane" size="1 1 0.1"/>
          <body name="payload" pos="0 0 0.5">
            <freejoint/>
            <geom name="box" type="box" size="0.1 0.1 0.1" rgba="1 0 0 1"/>
          </body>
        </worldbody>
      </mujoco>
      """;

  static final String POSES =
      """
      {"verdict":"ok","poses":{"every":250,"truncated":false,"bodies":["payload"],
       "frames":[{"t":0,"pos":[[0,0,0.5]],"quat":[[1,0,0,0]]},
                 {"t":0.5,"pos":[[0,0,0.3]],"quat":[[1,0,0,0]]},
                 {"t":1.0,"pos":[[0,0,0.1]],"quat":[[1,0,0,0]]}]}}
      """;

  @TempDir Path dir;
  private Project project;
  private RunInfo run;
  private final RunCursor cursor = new RunCursor();
  private final AtomicInteger meshReads = new AtomicInteger();

  /** Reads "mesh" files that say "tri" as one triangle; anything else is refused as truncated. */
  private final MeshReader meshes =
      (name, content) -> {
        meshReads.incrementAndGet();
        if (!new String(content, StandardCharsets.UTF_8).startsWith("tri")) {
          throw new IllegalArgumentException(name + ": truncated: 84 bytes expected, 3 found");
        }
        return MeshData.of(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, new int[] {0, 1, 2});
      };

  @BeforeEach
  void createRun() {
    project = Project.create(dir.resolve("p.bwproj"));
    run = project.runs().create(new NewRun("benchmark-generator", "drop a box", "{}"));
  }

  @AfterEach
  void close() {
    project.close();
  }

  private long write(String path, String content) {
    return project.files().write(run.id(), "coder", path, content.getBytes(StandardCharsets.UTF_8));
  }

  private ViewerViewModel viewModel(UiExecutor executor) {
    return new ViewerViewModel(cursor, executor, meshes);
  }

  private ViewerViewModel viewModel() {
    return viewModel(new CurrentThreadUiExecutor());
  }

  private void selectRun() {
    cursor.select(project, run, project.events().lastSeq(run.id()));
  }

  private static Geom geom(ViewerViewModel vm, String name) {
    return vm.sceneProperty().get().model().geoms().stream()
        .filter(g -> g.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void withoutARunNothingIsShownAndSaysSo() {
    ViewerViewModel vm = viewModel();
    assertThat(vm.statusProperty().get()).isEqualTo("No run selected");
    assertThat(vm.sceneProperty().get()).isNull();

    write("notes.txt", "no scene yet");
    selectRun();
    assertThat(vm.statusProperty().get()).isEqualTo("No MJCF scene or mesh in this run at step 1");
    assertThat(vm.sceneProperty().get()).isNull();
  }

  @Test
  void showsTheSceneAsItWasAtTheCursorStep() {
    long first = write("scene.xml", RED_BOX);
    long second = write("scene.xml", RED_BOX.replace("rgba=\"1 0 0 1\"", "rgba=\"0 0 1 1\""));
    ViewerViewModel vm = viewModel();

    selectRun();
    assertThat(vm.statusProperty().get()).isEqualTo("scene.xml at step " + second);
    assertThat(geom(vm, "box").rgba()).isEqualTo(new Rgba(0, 0, 1, 1));
    assertThat(vm.shownFileProperty().get()).isEqualTo("scene.xml");

    cursor.moveTo(first);
    assertThat(vm.statusProperty().get()).isEqualTo("scene.xml at step " + first);
    assertThat(geom(vm, "box").rgba()).isEqualTo(new Rgba(1, 0, 0, 1));
    assertThat(vm.notes()).isEmpty();

    cursor.clear();
    assertThat(vm.sceneProperty().get()).isNull();
    assertThat(vm.statusProperty().get()).isEqualTo("No run selected");
  }

  @Test
  void includesAndMeshesComeFromTheRunFilesAtTheSameStep() {
    write(
        "gen/scene.xml",
        """
        <mujoco>
          <compiler meshdir="meshes"/>
          <include file="assets.xml"/>
          <worldbody><geom name="chute" type="mesh" mesh="chute"/></worldbody>
        </mujoco>
        """);
    long withoutMesh =
        write("gen/assets.xml", "<mujoco><asset><mesh file=\"chute.stl\"/></asset></mujoco>");
    long withMesh = write("gen/meshes/chute.stl", "tri");
    ViewerViewModel vm = viewModel();
    selectRun();

    assertThat(vm.shownFileProperty().get())
        .as("the newest .xml with a worldbody, not the newer included file")
        .isEqualTo("gen/scene.xml");
    assertThat(vm.candidates())
        .containsExactly("gen/meshes/chute.stl", "gen/assets.xml", "gen/scene.xml");
    assertThat(vm.sceneProperty().get().meshes()).containsOnlyKeys("chute");
    assertThat(vm.errorProperty().get()).isEmpty();

    cursor.moveTo(withoutMesh);
    assertThat(vm.sceneProperty().get().meshes()).isEmpty();
    assertThat(vm.notes()).contains("mesh 'chute': file gen/meshes/chute.stl not found");
    assertThat(withMesh).isGreaterThan(withoutMesh);
  }

  @Test
  void aMeshNamedByItsSandboxPathIsReadFromTheRunFilesAndOtherAbsolutePathsAreNot() {
    write("solution/ramp.stl", "tri");
    write(
        "benchmark/with-solution.xml",
        """
        <mujoco>
          <asset>
            <mesh name="ramp" file="/workspace/solution/ramp.stl"/>
            <mesh name="host" file="/etc/ramp.stl"/>
          </asset>
          <worldbody>
            <geom name="ramp_geom" type="mesh" mesh="ramp"/>
            <geom name="host_geom" type="mesh" mesh="host"/>
          </worldbody>
        </mujoco>
        """);
    ViewerViewModel vm = viewModel();
    selectRun();

    assertThat(vm.shownFileProperty().get()).isEqualTo("benchmark/with-solution.xml");
    assertThat(vm.sceneProperty().get().meshes()).containsOnlyKeys("ramp");
    assertThat(vm.notes()).contains("mesh 'host': file /etc/ramp.stl not found");
  }

  @Test
  void steppingOverEventsThatChangeNoSceneFileDoesNotReload() {
    write("scene.xml", RED_BOX);
    write("meshes/unused.stl", "tri");
    long unrelated = write("notes.txt", "thinking");
    write("notes.txt", "still thinking");
    ViewerViewModel vm = viewModel();
    selectRun();
    LoadedScene shown = vm.sceneProperty().get();

    cursor.moveTo(unrelated);
    assertThat(vm.sceneProperty().get()).isSameAs(shown);
    assertThat(vm.statusProperty().get()).isEqualTo("scene.xml at step " + unrelated);
  }

  @Test
  void aChosenFileStaysChosenWhileTheRunHasIt() {
    write("scene.xml", RED_BOX);
    write("part.stl", "tri");
    write("other.xml", RED_BOX.replace("name=\"box\"", "name=\"other_box\""));
    ViewerViewModel vm = viewModel();
    selectRun();
    assertThat(vm.shownFileProperty().get()).isEqualTo("other.xml");

    vm.choose("part.stl");
    assertThat(vm.shownFileProperty().get()).isEqualTo("part.stl");
    assertThat(vm.sceneProperty().get().triangleCount()).isEqualTo(1);
    assertThat(vm.notes()).containsExactly("1 triangles");

    cursor.previous();
    assertThat(vm.shownFileProperty().get()).isEqualTo("part.stl");
    cursor.moveTo(1);
    assertThat(vm.shownFileProperty().get())
        .as("part.stl did not exist yet")
        .isEqualTo("scene.xml");
  }

  @Test
  void aMalformedSceneKeepsThePreviousOneAndSaysWhereItIsWrong() {
    long good = write("scene.xml", RED_BOX);
    write("scene.xml", "<mujoco>\n<worldbody>\n<body>\n</worldbody>\n</mujoco>");
    ViewerViewModel vm = viewModel();
    cursor.select(project, run, good);
    LoadedScene before = vm.sceneProperty().get();

    cursor.extendTo(good + 1);

    assertThat(vm.errorProperty().get())
        .startsWith("Cannot show the run's scene at step 2: scene.xml, line 4: malformed XML");
    assertThat(vm.sceneProperty().get()).isSameAs(before);
    // Going back to the good step clears the error.
    cursor.moveTo(good);
    assertThat(vm.errorProperty().get()).isEmpty();
  }

  @Test
  void filesFromDiskReplaceTheSceneAndBadOnesKeepIt() throws Exception {
    Path scene = Files.writeString(dir.resolve("scene.xml"), RED_BOX);
    Path broken = Files.writeString(dir.resolve("broken.xml"), "<mujoco><worldbody></mujoco>");
    Path truncated = Files.writeString(dir.resolve("cut.stl"), "sol");
    Path mesh = Files.writeString(dir.resolve("part.stl"), "tri");
    ViewerViewModel vm = viewModel();

    vm.openFile(scene);
    assertThat(vm.statusProperty().get()).isEqualTo("scene.xml (from disk)");
    LoadedScene shown = vm.sceneProperty().get();
    assertThat(shown.model().geoms()).hasSize(2);

    vm.openFile(broken);
    assertThat(vm.errorProperty().get())
        .startsWith("Cannot open broken.xml: broken.xml, line 1: malformed XML:");
    assertThat(vm.sceneProperty().get()).isSameAs(shown);

    vm.openFile(truncated);
    assertThat(vm.errorProperty().get())
        .isEqualTo("Cannot open cut.stl: cut.stl: truncated: 84 bytes expected, 3 found");
    assertThat(vm.sceneProperty().get()).isSameAs(shown);

    vm.openFile(mesh);
    assertThat(vm.errorProperty().get()).isEmpty();
    assertThat(vm.statusProperty().get()).isEqualTo("part.stl (from disk)");
    assertThat(vm.sceneProperty().get().meshes()).containsKey("part.stl");
  }

  @Test
  void posesRecordedInTheRunPlayOverTheScene() {
    write("scene.xml", RED_BOX);
    write("check.json", POSES);
    ViewerViewModel vm = viewModel();
    selectRun();

    assertThat(vm.posesProperty().get()).isNotNull();
    assertThat(vm.frameProperty().get()).isZero();
    assertThat(vm.timeTextProperty().get()).isEqualTo("t = 0.000 s (frame 1 of 3)");
    assertThat(vm.bodyPoses(2)).containsOnlyKeys(1);
    assertThat(vm.bodyPoses(2).get(1).z()).isEqualTo(0.1);

    vm.play();
    assertThat(vm.playingProperty().get()).isTrue();
    vm.advance(0.6);
    assertThat(vm.frameProperty().get()).isEqualTo(1);
    vm.advance(0.6);
    assertThat(vm.frameProperty().get()).isEqualTo(2);
    assertThat(vm.playingProperty().get()).as("stops at the end").isFalse();

    vm.play(); // from the end, playing starts over
    assertThat(vm.frameProperty().get()).isZero();
    vm.pause();
    vm.advance(5);
    assertThat(vm.frameProperty().get()).isZero();
    vm.seek(99);
    assertThat(vm.frameProperty().get()).isEqualTo(2);
    assertThat(vm.timeTextProperty().get()).isEqualTo("t = 1.000 s (frame 3 of 3)");
  }

  @Test
  void posesOfBodiesNotInTheSceneAreNotedAndBadReportsAreErrors() throws Exception {
    write("scene.xml", RED_BOX.replace("payload", "crate"));
    write("check.json", POSES);
    ViewerViewModel vm = viewModel();
    selectRun();
    assertThat(vm.notes()).contains("poses: 1 of 1 bodies of the pose track are not in the scene");
    assertThat(vm.bodyPoses(1)).isEmpty();

    Path report = Files.writeString(dir.resolve("report.json"), "{\"verdict\":\"ok\"}");
    vm.openFile(report);
    assertThat(vm.errorProperty().get())
        .isEqualTo(
            "Cannot open report.json: poses: no body poses in this report (run mjcf-check with"
                + " --poses-every K)");
  }

  static final String BENCHMARK_JSON =
      """
      {"seed": 3,
       "moved_object": {"body": "payload", "shape": "box", "size": [0.1, 0.1, 0.1],
                        "material": "steel", "start": [0.0, 0.0, 0.5],
                        "jitter": [0.002, 0.002, 0.001]},
       "goal_zone": {"min": [0.4, -0.1, 0.0], "max": [0.6, 0.1, 0.1]},
       "forbid_zones": [{"name": "pit", "min": [-0.1, -0.3, -0.2], "max": [0.1, 0.3, 0.0]}],
       "build_zone": {"min": [-0.5, -0.3, 0.0], "max": [0.5, 0.3, 0.6]},
       "constraints": {"target_quantity": 100, "estimated_cost": 26.0,
                       "estimated_weight_kg": 1.0},
       "randomization": {"scale": [1.0, 1.0, 1.0], "zone_shift": 0.1, "material": "steel"}}
      """;

  @Test
  void aBenchmarkWithoutZoneMarkersShowsTheZonesOfItsBenchmarkJson() {
    write("seed_3/scene.xml", RED_BOX);
    long good = write("seed_3/benchmark.json", BENCHMARK_JSON);
    write("seed_3/benchmark.json", BENCHMARK_JSON.replace("\"goal_zone\"", "\"goal_zome\""));
    ViewerViewModel vm = viewModel();
    cursor.select(project, run, good);

    var zones = vm.sceneProperty().get().model().zones();
    assertThat(zones)
        .extracting(z -> z.name() + " " + z.kind())
        .containsExactly("zone_goal GOAL", "zone_pit FORBID", "zone_build BUILD");
    var goal = zones.get(0);
    assertThat(goal.local().x()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(goal.halfExtents().x())
        .isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(goal.halfExtents().z())
        .isCloseTo(0.05, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(vm.notes()).contains("zones from seed_3/benchmark.json");

    cursor.extendTo(good + 1);
    assertThat(vm.sceneProperty().get().model().zones()).isEmpty();
    assertThat(vm.notes())
        .anySatisfy(n -> assertThat(n).startsWith("zones not drawn: benchmark.json: "));
  }

  /** Holds work until the test lets it run, like a busy worker thread. */
  private static final class HeldExecutor implements UiExecutor {
    private final List<Runnable> held = new ArrayList<>();

    @Override
    public <T> void execute(
        Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
      held.add(
          () -> {
            T result;
            try {
              result = work.call();
            } catch (Exception e) {
              onFailure.accept(e);
              return;
            }
            onSuccess.accept(result);
          });
    }

    int runAll() {
      int n = 0;
      while (!held.isEmpty()) {
        held.remove(0).run();
        n++;
      }
      return n;
    }

    @Override
    public void post(Runnable update) {
      update.run();
    }

    @Override
    public void close() {}
  }

  @Test
  void stepsDuringALoadAreCoalescedIntoOneLoadOfTheLatestStep() {
    for (int i = 0; i < 6; i++) {
      write("scene.xml", RED_BOX.replace("0.1 0.1 0.1", "0.1 0.1 0." + (i + 1)));
    }
    HeldExecutor executor = new HeldExecutor();
    ViewerViewModel vm = viewModel(executor);
    selectRun(); // step 6: one load queued
    for (int step = 5; step >= 2; step--) {
      cursor.moveTo(step);
    }
    assertThat(vm.loadingProperty().get()).isTrue();

    assertThat(executor.runAll()).as("the stale load, then one for the latest step").isEqualTo(2);

    assertThat(vm.statusProperty().get()).isEqualTo("scene.xml at step 2");
    assertThat(geom(vm, "box").size().z()).isEqualTo(0.2);
    assertThat(vm.loadingProperty().get()).isFalse();
  }

  @Test
  void aLoadForARunNoLongerSelectedIsDropped() {
    write("scene.xml", RED_BOX);
    RunInfo other = project.runs().create(new NewRun("benchmark-generator", "other", "{}"));
    project
        .files()
        .write(
            other.id(),
            "coder",
            "other.xml",
            RED_BOX.replace("name=\"box\"", "name=\"other_box\"").getBytes(StandardCharsets.UTF_8));
    HeldExecutor executor = new HeldExecutor();
    ViewerViewModel vm = viewModel(executor);
    selectRun();
    cursor.select(project, other, 1);
    executor.runAll();

    assertThat(vm.shownFileProperty().get()).isEqualTo("other.xml");
    assertThat(vm.sceneProperty().get().model().geoms())
        .extracting(Geom::name)
        .contains("other_box");
  }
}
