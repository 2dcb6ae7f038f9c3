package org.benchwright.desktop.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.benchwright.desktop.main.MainWindowViewModel;
import org.benchwright.desktop.main.TestWorkbench;
import org.benchwright.desktop.runs.RunRow;
import org.benchwright.desktop.ui.FakeDialogService;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.engine.sandbox.DockerHealth;
import org.benchwright.testsupport.fx.Screenshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A first launch: empty user folders, no Docker asked for (the check is replaced by one that says
 * it is not running) and no model key. The workbench creates and opens the demo project.
 */
@ExtendWith(ApplicationExtension.class)
class DemoProjectIT {

  @TempDir Path home;

  private TestWorkbench workbench;
  private FakeDialogService dialogs;
  private MainWindowViewModel main;
  private UserDirs dirs;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    dirs = new UserDirs(home.resolve("config"), home.resolve("data"));
    ApiKeys noKeys = ApiKeys.of(Map.of(), home.resolve("no-keys.properties"));
    workbench =
        TestWorkbench.withFeatures(
            stage,
            1,
            dirs,
            noKeys,
            () ->
                new DockerHealth(
                    DockerHealth.State.ENGINE_UNREACHABLE,
                    "Docker: not running",
                    "No Docker engine answers. Start it."));
    dialogs = workbench.dialogs();
    main = workbench.viewModel();
  }

  @AfterEach
  void closeEverything() throws Exception {
    workbench.close();
  }

  @Test
  void aFirstLaunchOpensTheDemoProjectWithItsRecordedRuns(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> "Benchwright — demo.bwproj".equals(stage.getTitle()));
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(main.projectPathProperty().get()).isEqualTo(dirs.demoProject());
    Project demo = main.project().orElseThrow();
    List<RunInfo> runs = demo.runs().list();
    assertThat(runs).extracting(RunInfo::status).contains(RunStatus.SUCCEEDED, RunStatus.FAILED);
    assertThat(runs)
        .extracting(RunInfo::workflow)
        .containsOnly(
            "benchmark-generator", "engineer", "experiment-loop", "capability-synthesis", "automl")
        .contains("engineer", "experiment-loop", "capability-synthesis", "automl");
    // ... and the dataset its automl run trained on, with the profile it was added with.
    assertThat(demo.datasets().find("breast_cancer"))
        .hasValueSatisfying(d -> assertThat(d.task()).isEqualTo("binary"));
    // The bundle brought the capability its runs made, unverified until its tests pass here.
    assertThat(demo.capabilities().get("reverse_string").orElseThrow().status())
        .isEqualTo(org.benchwright.engine.project.Capabilities.UNVERIFIED);
    assertThat(dialogs.errors()).isEmpty();

    // The demo is remembered: File ▸ Open Recent lists it, and the settings file names it.
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            DesktopSettings.load(dirs.settingsFile())
                .settings()
                .recent()
                .contains(dirs.demoProject()));
    robot.clickOn("File").moveTo("Open Recent");
    Menu recent = workbench.features().openRecentMenu();
    assertThat(recent.getItems())
        .extracting(MenuItem::getText)
        .anyMatch(t -> t.startsWith("demo.bwproj"));
    robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);
    robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);

    // The runs list shows every recorded run; clicking a succeeded one fills the summary tab.
    TableView<RunRow> table = robot.lookup("#runs-table").queryAs(TableView.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == runs.size());
    RunInfo ok =
        runs.stream().filter(r -> r.status() == RunStatus.SUCCEEDED).findFirst().orElseThrow();
    selectRow(robot, table, ok.id());
    robot.clickOn("Summary");
    Label outcome = robot.lookup("#summary-outcome").queryAs(Label.class);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> outcome.getText().startsWith("Succeeded"));
    assertThat(main.runCursor().run().id()).isEqualTo(ok.id());

    // Without Docker the status bar says so, and the demo still opened.
    Label docker = robot.lookup("#health-docker").queryAs(Label.class);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> docker.getText().equals("Docker: not running"));
    assertThat(docker.getTooltip().getText()).contains("recorded runs still open");

    Screenshots.save(Screenshots.of(stage.getScene()), "demo-project.png");

    // The automl run's leaderboard: every candidate ranked, the ensemble among them.
    RunInfo automl =
        runs.stream().filter(r -> r.workflow().equals("automl")).findFirst().orElseThrow();
    selectRow(robot, table, automl.id());
    javafx.scene.control.TabPane inspector =
        robot.lookup("#inspector-tabs").queryAs(javafx.scene.control.TabPane.class);
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> inspector.getTabs().stream().anyMatch(t -> "leaderboard-tab".equals(t.getId())));
    robot.interact(
        () ->
            inspector.getTabs().stream()
                .filter(t -> "leaderboard-tab".equals(t.getId()))
                .findFirst()
                .ifPresent(t -> inspector.getSelectionModel().select(t)));
    TableView<?> board = robot.lookup("#leaderboard-table").queryAs(TableView.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> board.getItems().size() == 5);
    WaitForAsyncUtils.waitForFxEvents();
    Screenshots.save(Screenshots.of(stage.getScene()), "leaderboard.png");
  }

  @Test
  void steppingThroughADemoRunMovesTheCodeEditorAndTheTodoPanelWithTheCursor(FxRobot robot)
      throws Exception {
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> "Benchwright — demo.bwproj".equals(stage.getTitle()));
    Project demo = main.project().orElseThrow();
    RunInfo ok =
        demo.runs().list().stream()
            .filter(r -> r.workflow().equals("benchmark-generator"))
            .filter(r -> r.status() == RunStatus.SUCCEEDED)
            .findFirst()
            .orElseThrow();
    // From the recording itself: the first step with a plan and the first with a file.
    long last = demo.events().lastSeq(ok.id());
    long planStep = 0;
    long fileStep = 0;
    for (long seq = 1; seq <= last && (planStep == 0 || fileStep == 0); seq++) {
      if (planStep == 0 && demo.plans().at(ok.id(), seq).isPresent()) {
        planStep = seq;
      }
      if (fileStep == 0 && !demo.files().filesAt(ok.id(), seq).isEmpty()) {
        fileStep = seq;
      }
    }
    assertThat(planStep).as("the demo run has a plan").isPositive();
    assertThat(fileStep).as("the demo run writes files").isPositive();
    String firstFile = demo.files().filesAt(ok.id(), fileStep).keySet().iterator().next();

    TableView<RunRow> table = robot.lookup("#runs-table").queryAs(TableView.class);
    selectRow(robot, table, ok.id());
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> main.runCursor().run() != null && main.runCursor().step() == last);

    // Home, then → step by step: the panels show the run as it was at each step.
    javafx.scene.control.ListView<?> timeline =
        robot.lookup("#timeline-list").queryAs(javafx.scene.control.ListView.class);
    robot.interact(timeline::requestFocus);
    robot.type(javafx.scene.input.KeyCode.HOME);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> main.runCursor().step() == 1);

    robot.clickOn("TODO");
    javafx.scene.control.ListView<?> items =
        robot.lookup("#todo-items").queryAs(javafx.scene.control.ListView.class);
    robot.interact(timeline::requestFocus);
    robot.type(javafx.scene.input.KeyCode.RIGHT, (int) (planStep - 2));
    long beforePlan = planStep - 1;
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> main.runCursor().step() == beforePlan);
    WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
    assertThat(items.getItems()).as("no plan before step %d", planStep).isEmpty();
    robot.type(javafx.scene.input.KeyCode.RIGHT);
    int planItems = demo.plans().at(ok.id(), planStep).orElseThrow().items().size();
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> items.getItems().size() == planItems);

    robot.clickOn("Code");
    javafx.scene.control.TreeView<?> tree =
        robot.lookup("#code-files").queryAs(javafx.scene.control.TreeView.class);
    robot.interact(timeline::requestFocus);
    long target = Math.max(fileStep, planStep);
    robot.type(javafx.scene.input.KeyCode.RIGHT, (int) (target - planStep));
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> main.runCursor().step() == target);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> treeHolds(tree.getRoot(), firstFile));
    // And back to the start: the file goes, because at step 1 it was not written yet.
    robot.type(javafx.scene.input.KeyCode.HOME);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !treeHolds(tree.getRoot(), firstFile));
    assertThat(dialogs.errors()).isEmpty();
  }

  @Test
  void theDemoEngineerRunShowsItsAssemblyWithTheRampMeshInThe3dTab(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> "Benchwright — demo.bwproj".equals(stage.getTitle()));
    Project demo = main.project().orElseThrow();
    RunInfo engineer =
        demo.runs().list().stream()
            .filter(r -> r.workflow().equals("engineer"))
            .findFirst()
            .orElseThrow();
    assertThat(engineer.status()).isEqualTo(RunStatus.SUCCEEDED);

    TableView<RunRow> table = robot.lookup("#runs-table").queryAs(TableView.class);
    selectRow(robot, table, engineer.id());
    javafx.scene.control.TabPane inspector =
        robot.lookup("#inspector-tabs").queryAs(javafx.scene.control.TabPane.class);
    robot.interact(
        () ->
            inspector.getTabs().stream()
                .filter(t -> "viewer-tab".equals(t.getId()))
                .findFirst()
                .ifPresent(t -> inspector.getSelectionModel().select(t)));

    // At the run's last step the newest scene is the benchmark (the ball) with the engineer's
    // part in it; the part's mesh is the STL OpenSCAD exported in the sandbox, read back from the
    // run's files (a mesh that cannot be read is a note and draws nothing).
    javafx.scene.SubScene view = robot.lookup("#viewer-3d").queryAs(javafx.scene.SubScene.class);
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () ->
            view.getRoot().lookup("#geom-ramp_geom") != null
                && view.getRoot().lookup("#geom-ball") != null);
    javafx.scene.control.ListView<String> notes =
        robot.lookup("#viewer-notes").queryAs(javafx.scene.control.ListView.class);
    assertThat(notes.getItems()).noneMatch(n -> n.contains("not found"));
    assertThat(dialogs.errors()).isEmpty();

    Screenshots.save(Screenshots.of(stage.getScene()), "demo-engineer-3d.png");
  }

  private static boolean treeHolds(javafx.scene.control.TreeItem<?> item, String path) {
    if (item == null) {
      return false;
    }
    if (item.getValue() instanceof org.benchwright.desktop.editor.FileNode node
        && path.equals(node.path())) {
      return true;
    }
    for (javafx.scene.control.TreeItem<?> child : item.getChildren()) {
      if (treeHolds(child, path)) {
        return true;
      }
    }
    return false;
  }

  /** Selects the run's row once the list holds it (the list loads and refreshes on its own). */
  private static void selectRow(FxRobot robot, TableView<RunRow> table, long runId)
      throws Exception {
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> table.getItems().stream().anyMatch(r -> r.info().id() == runId));
    robot.interact(
        () ->
            table.getItems().stream()
                .filter(r -> r.info().id() == runId)
                .findFirst()
                .ifPresent(r -> table.getSelectionModel().select(r)));
  }
}
