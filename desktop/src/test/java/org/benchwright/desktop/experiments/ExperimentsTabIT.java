package org.benchwright.desktop.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.benchwright.bench.SyntheticExperiments;
import org.benchwright.bench.SyntheticRun;
import org.benchwright.desktop.main.MainWindowViewModel;
import org.benchwright.desktop.main.TestWorkbench;
import org.benchwright.engine.project.EventPayload;
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
 * The main window over a project holding an experiment-loop run (40 experiments) and an engineer
 * run: the Experiments tab appears only for the loop; clicking a row puts the cursor on its event
 * and the Code tab shows the diff recorded for it.
 */
@ExtendWith(ApplicationExtension.class)
class ExperimentsTabIT {

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
  void aRowOpensItsEventInTheTimelineAndItsDiffInTheCodeTab(FxRobot robot) throws Exception {
    Path file = dir.resolve("loop.bwproj");
    SyntheticExperiments.Written loop;
    RunInfo other;
    try (Project p = Project.create(file)) {
      other = SyntheticRun.write(p, "engineer", "a bracket", 60);
      loop = SyntheticExperiments.write(p, "tune the learning rate", 40);
    }
    robot.interact(() -> viewModel.openProject(file));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> viewModel.project().isPresent());
    TabPane tabs = robot.lookup("#inspector-tabs").queryAs(TabPane.class);

    robot.interact(() -> viewModel.selectRun(other));
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> viewModel.runCursor().run() != null);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(tabs.getTabs()).extracting(t -> t.getId()).doesNotContain("experiments-tab");

    robot.interact(() -> viewModel.selectRun(loop.run()));
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> tabs.getTabs().stream().anyMatch(t -> "experiments-tab".equals(t.getId())));
    robot.interact(
        () ->
            tabs.getSelectionModel()
                .select(
                    tabs.getTabs().stream()
                        .filter(t -> "experiments-tab".equals(t.getId()))
                        .findFirst()
                        .orElseThrow()));
    @SuppressWarnings("unchecked")
    TableView<ExperimentRow> table = robot.lookup("#experiments-table").queryAs(TableView.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 40);

    // Click the first kept experiment's row.
    ExperimentRow kept =
        table.getItems().stream().filter(r -> r.status() == Status.KEPT).findFirst().orElseThrow();
    int at = table.getItems().indexOf(kept);
    robot.interact(() -> table.scrollTo(at));
    WaitForAsyncUtils.waitForFxEvents();
    TableRow<?> row =
        robot
            .lookup(".table-row-cell")
            .match(n -> ((TableRow<?>) n).getItem() == kept)
            .queryAs(TableRow.class);
    assertThat(row.getStyleClass()).contains("experiment-kept");
    robot.clickOn(row);

    long seq = loop.experimentSeqs().get(kept.index() - 1);
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> viewModel.runCursor().step() == seq);
    assertThat(kept.seq()).isEqualTo(seq);
    // The timeline's selected row is the experiment's event.
    WaitForAsyncUtils.waitFor(
        5,
        TimeUnit.SECONDS,
        () ->
            robot.lookup("#timeline-list").queryListView().getSelectionModel().getSelectedIndex()
                == seq - 1);

    EventPayload.Experiment x = kept.experiment();
    String recorded =
        new String(
            viewModel.project().orElseThrow().blobs().get(x.diffSha()).orElseThrow(),
            StandardCharsets.UTF_8);
    // The chart painted kept points green and crashes red (every 17th experiment crashed).
    BufferedImage chart = Screenshots.of(robot.lookup("#experiments-chart").query());
    assertThat(Screenshots.pixelsNear(chart, 0x2e9d3a, 20)).isGreaterThan(20);
    assertThat(Screenshots.pixelsNear(chart, 0xd62b2b, 20)).isGreaterThan(5);
    Screenshots.save(robot.targetWindow().getScene(), "experiments-tab.png");

    // A double click brings the Code tab forward, showing that diff.
    robot.doubleClickOn(row);
    WaitForAsyncUtils.waitFor(
        5,
        TimeUnit.SECONDS,
        () -> "code-tab".equals(tabs.getSelectionModel().getSelectedItem().getId()));
    CodeArea area = robot.lookup("#code-area").queryAs(CodeArea.class);
    String removed = recorded.lines().filter(l -> l.startsWith("-LR")).findFirst().orElseThrow();
    String added = recorded.lines().filter(l -> l.startsWith("+LR")).findFirst().orElseThrow();
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> area.getText().contains(added));
    assertThat(area.getText()).contains(removed).contains("--- a/train.py");
    assertThat(robot.lookup("#code-path").queryLabeled().getText())
        .isEqualTo("Experiment #" + kept.index() + " (" + x.id() + ") against " + x.parent());
    int addedLine = area.getText().lines().toList().indexOf(added);
    assertThat(area.getParagraph(addedLine).getParagraphStyle()).contains("diff-added");
  }
}
