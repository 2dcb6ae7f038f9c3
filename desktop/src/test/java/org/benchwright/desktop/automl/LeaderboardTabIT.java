package org.benchwright.desktop.automl;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.benchwright.bench.SyntheticRun;
import org.benchwright.desktop.main.MainWindowViewModel;
import org.benchwright.desktop.main.TestWorkbench;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.testsupport.fx.Screenshots;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window over a project holding an automl run and an engineer run: the Leaderboard tab
 * appears only for the automl run, ranks its candidates with the failures' reasons, draws them,
 * follows a candidate recorded while it is shown, and links a row to its event in the timeline and
 * to its plan in the Code tab.
 */
@ExtendWith(ApplicationExtension.class)
class LeaderboardTabIT {

  @TempDir static Path dir;

  private TestWorkbench workbench;
  private MainWindowViewModel viewModel;

  @Start
  void start(Stage stage) {
    workbench = TestWorkbench.window(stage, 1, Duration.ofSeconds(5));
    viewModel = workbench.viewModel();
  }

  @AfterEach
  void close() throws Exception {
    workbench.close();
  }

  @Test
  void theTabRanksTheCandidatesAndLinksARowToItsEventAndItsPlan(FxRobot robot) throws Exception {
    Path file = dir.resolve("automl.bwproj");
    AutoMlFixture.Written automl;
    RunInfo other;
    try (Project p = Project.create(file)) {
      other = SyntheticRun.write(p, "engineer", "a bracket", 30);
      automl = AutoMlFixture.run(p);
    }
    robot.interact(() -> viewModel.openProject(file));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> viewModel.project().isPresent());
    TabPane tabs = robot.lookup("#inspector-tabs").queryAs(TabPane.class);

    // The runs list selects the newest run as the project opens; once it has, choose another.
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> viewModel.runCursor().run() != null);
    robot.interact(() -> viewModel.selectRun(other));
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            viewModel.runCursor().run() != null && viewModel.runCursor().run().id() == other.id());
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> tabs.getTabs().stream().noneMatch(t -> "leaderboard-tab".equals(t.getId())));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(tabs.getTabs()).extracting(Tab::getId).doesNotContain("leaderboard-tab");

    robot.interact(() -> viewModel.selectRun(automl.run()));
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> tabs.getTabs().stream().anyMatch(t -> "leaderboard-tab".equals(t.getId())));
    robot.interact(
        () ->
            tabs.getSelectionModel()
                .select(
                    tabs.getTabs().stream()
                        .filter(t -> "leaderboard-tab".equals(t.getId()))
                        .findFirst()
                        .orElseThrow()));
    @SuppressWarnings("unchecked")
    TableView<LeaderboardRow> table = robot.lookup("#leaderboard-table").queryAs(TableView.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 6);
    assertThat(table.getItems())
        .extracting(LeaderboardRow::name)
        .containsExactly("ensemble", "lgbm", "rf", "logreg", "svm", "knn");
    assertThat(robot.lookup("#leaderboard-message").queryLabeled().getText())
        .startsWith("6 candidates: 4 ok, 1 crashed, 1 over budget · best ensemble 0.8660");

    // The crash's row is styled and says why.
    TableRow<?> svm = row(robot, table, "svm");
    assertThat(svm.getStyleClass()).contains("candidate-crashed");
    assertThat(robot.from(svm).lookup(".table-cell").queryAll())
        .anyMatch(
            c ->
                "MemoryError: unable to allocate 3.1 GiB"
                    .equals(((javafx.scene.control.Labeled) c).getText()));

    // The score chart: green points with whiskers, crosses in red (crash) for the failures.
    BufferedImage scores = Screenshots.of(robot.lookup("#leaderboard-scores").query());
    assertThat(Screenshots.pixelsNear(scores, 0x2e9d3a, 24)).isGreaterThan(40);
    assertThat(Screenshots.pixelsNear(scores, 0xd62b2b, 24)).isGreaterThan(5);
    BufferedImage scatter = Screenshots.of(robot.lookup("#leaderboard-scatter").query());
    assertThat(Screenshots.pixelsNear(scatter, 0x2e9d3a, 24)).isGreaterThan(40);

    // Select lgbm and show its event: the timeline goes to it.
    robot.clickOn(row(robot, table, "lgbm"));
    long lgbmSeq = automl.candidateSeqs().get(2);
    WaitForAsyncUtils.waitFor(
        5,
        TimeUnit.SECONDS,
        () -> robot.lookup("#leaderboard-show-event").queryButton().isDisabled() == false);
    Screenshots.save(robot.targetWindow().getScene(), "leaderboard-failures.png");
    robot.clickOn("#leaderboard-show-event");
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> viewModel.runCursor().step() == lgbmSeq);
    WaitForAsyncUtils.waitFor(
        5,
        TimeUnit.SECONDS,
        () ->
            robot.lookup("#timeline-list").queryListView().getSelectionModel().getSelectedIndex()
                == lgbmSeq - 1);

    // Open its plan: the Code tab comes forward with plan.json as it was at that step.
    robot.interact(() -> viewModel.runCursor().last());
    MenuButton open = robot.lookup("#leaderboard-open-code").queryAs(MenuButton.class);
    robot.clickOn(open);
    // The menu's item, not the timeline's line that wrote plan.json.
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn(
        robot
            .lookup(".context-menu .label")
            .match((javafx.scene.control.Labeled l) -> "plan.json".equals(l.getText()))
            .queryAs(javafx.scene.Node.class));
    WaitForAsyncUtils.waitFor(
        5,
        TimeUnit.SECONDS,
        () -> "code-tab".equals(tabs.getSelectionModel().getSelectedItem().getId()));
    assertThat(viewModel.runCursor().step()).isEqualTo(lgbmSeq);
    CodeArea area = robot.lookup("#code-area").queryAs(CodeArea.class);
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> area.getText().contains("roc_auc"));
    assertThat(area.getText()).isEqualTo(AutoMlFixture.PLAN);
    assertThat(robot.lookup("#code-path").queryLabeled().getText())
        .isEqualTo("plan.json  ·  written at step " + automl.planFileSeq());

    // A candidate recorded while the tab is shown appears in its rank (the poller's extendTo).
    Project open1 = viewModel.project().orElseThrow();
    AutoMlFixture.candidate(open1, automl.run().id(), "xgb", "xgboost", 0.870, 0.004, 11.0, 25);
    long last = open1.events().lastSeq(automl.run().id());
    robot.interact(() -> viewModel.runCursor().extendTo(last));
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 7);
    assertThat(table.getItems().getFirst().name()).isEqualTo("xgb");
  }

  private static TableRow<?> row(FxRobot robot, TableView<LeaderboardRow> table, String name) {
    LeaderboardRow item =
        table.getItems().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    robot.interact(() -> table.scrollTo(item));
    WaitForAsyncUtils.waitForFxEvents();
    return robot
        .lookup("#leaderboard-table .table-row-cell")
        .match(n -> ((TableRow<?>) n).getItem() == item)
        .queryAs(TableRow.class);
  }
}
