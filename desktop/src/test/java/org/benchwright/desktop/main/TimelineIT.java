package org.benchwright.desktop.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.benchwright.bench.SyntheticRun;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.runs.RunRow;
import org.benchwright.desktop.ui.FakeDialogService;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.testsupport.fx.Screenshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window over a real project holding a run of every event type (and one damaged event):
 * select the run in the runs list, step with the keyboard and the scrubber, watch the timeline.
 */
@ExtendWith(ApplicationExtension.class)
class TimelineIT {

  /** A few hundred events: every type many times, and a damaged one at the end. */
  private static final int EVENTS = 400;

  @TempDir static Path dir;

  private TestWorkbench workbench;
  private FakeDialogService dialogs;
  private MainWindowViewModel viewModel;
  private Stage stage;
  private Path file;
  private RunInfo run;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    workbench = TestWorkbench.window(stage, 1, Duration.ofSeconds(5));
    dialogs = workbench.dialogs();
    viewModel = workbench.viewModel();
  }

  @BeforeEach
  void openAProjectWithRecordedRuns(FxRobot robot) throws Exception {
    file = dir.resolve("timeline-" + System.nanoTime() + ".bwproj");
    try (Project p = Project.create(file)) {
      p.runs().create(new NewRun("benchmark-generator", "A ramp for a rolling ball", "{}"));
      run = SyntheticRun.write(p, "engineer", "A wall bracket that holds 4 kg", EVENTS);
      p.events()
          .append(
              run.id(), Event.of(EventType.TOOL_RESULT, "critic", "{\"name\":\"run\", \"text\":"));
    }
    robot.interact(() -> viewModel.openProject(file));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 2);
  }

  @AfterEach
  void closeProjectAndExecutor() throws Exception {
    workbench.close();
  }

  @Test
  void selectingARunShowsItsLastEventAndTheKeysMoveTheCursor(FxRobot robot) throws Exception {
    RunCursor cursor = viewModel.runCursor();
    long last = EVENTS + 1;

    clickRunRow(robot);
    waitForSelectedCell(robot, last);

    assertThat(cursor.run().id()).isEqualTo(run.id());
    assertThat(cursor.step()).isEqualTo(last);
    assertThat(robot.lookup("#step-label").queryAs(Label.class).getText())
        .isEqualTo("step " + last + " / " + last);
    // The damaged event at the end: a clear message, and the window goes on working.
    assertThat(titleOf(selectedCell(robot).orElseThrow())).isEqualTo("Unreadable event");
    assertThat(states(selectedCell(robot).orElseThrow())).contains("kind-unreadable", "failed");

    robot.interact(() -> list(robot).requestFocus());
    robot.type(KeyCode.HOME);
    waitForSelectedCell(robot, 1);
    assertThat(titleOf(selectedCell(robot).orElseThrow())).startsWith("Run started");

    robot.type(KeyCode.RIGHT, 3);
    waitForSelectedCell(robot, 4);
    assertThat(cursor.step()).isEqualTo(4);
    assertThat(titleOf(selectedCell(robot).orElseThrow())).startsWith("Model call #");

    robot.type(KeyCode.LEFT);
    waitForSelectedCell(robot, 3);
    assertThat(states(selectedCell(robot).orElseThrow())).contains("kind-message");

    // A sandbox exec: its full output is read from the blobs when its expander opens.
    long exec = SyntheticRun.firstSeqOf(EventType.SANDBOX_EXEC);
    robot.type(KeyCode.RIGHT, (int) (exec - 3));
    waitForSelectedCell(robot, exec);
    assertThat(titleOf(selectedCell(robot).orElseThrow()))
        .isEqualTo("$ sh -c openscad -o part.stl part.scad");
    TitledPane output = robot.lookup("#event-expander").queryAs(TitledPane.class);
    assertThat(output.getText()).isEqualTo("Full output");
    robot.clickOn(output.lookup(".title"));
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            robot
                .lookup(".detail-text")
                .queryAs(TextArea.class)
                .getText()
                .contains("── standard error ──"));

    robot.interact(() -> list(robot).requestFocus());
    robot.type(KeyCode.END);
    waitForSelectedCell(robot, last);
    assertThat(robot.lookup("#cursor-slider").queryAs(Slider.class).getValue())
        .isEqualTo((double) last);
    assertThat(dialogs.errors()).isEmpty();
  }

  @Test
  void theScrubberAndTheButtonsMoveTheCursorAndTheTimelineFollows(FxRobot robot) throws Exception {
    clickRunRow(robot);
    waitForSelectedCell(robot, EVENTS + 1);
    RunCursor cursor = viewModel.runCursor();

    robot.interact(() -> robot.lookup("#cursor-slider").queryAs(Slider.class).setValue(200));
    waitForSelectedCell(robot, 200);
    assertThat(cursor.step()).isEqualTo(200);
    assertThat(robot.lookup("#step-label").queryAs(Label.class).getText())
        .isEqualTo("step 200 / " + (EVENTS + 1));

    robot.clickOn("#next-step");
    waitForSelectedCell(robot, 201);
    robot.clickOn("#first-step");
    waitForSelectedCell(robot, 1);

    // Clicking an event puts the cursor on it.
    ListCell<?> second = cellAt(robot, 1).orElseThrow();
    robot.clickOn(second);
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> cursor.step() == 2);
  }

  @Test
  void screenshotsShowTheRunWithEveryKindOfEvent(FxRobot robot) throws Exception {
    clickRunRow(robot);
    waitForSelectedCell(robot, EVENTS + 1);
    long response = SyntheticRun.firstSeqOf(EventType.MODEL_RESPONSE) + 20;
    robot.interact(() -> viewModel.runCursor().moveTo(response + 7));
    robot.interact(() -> viewModel.runCursor().moveTo(response));
    waitForSelectedCell(robot, response);
    // The detail pane shows the selected response; its reasoning is collapsed until asked for.
    TitledPane reasoning = robot.lookup("#event-expander").queryAs(TitledPane.class);
    assertThat(reasoning.getText()).isEqualTo("Reasoning");
    assertThat(reasoning.isExpanded()).isFalse();
    robot.clickOn(reasoning.lookup(".title"));
    WaitForAsyncUtils.waitFor(
        5,
        TimeUnit.SECONDS,
        () ->
            robot
                .lookup(".detail-text")
                .queryAs(TextArea.class)
                .getText()
                .startsWith("The bracket must carry 40 N"));
    WaitForAsyncUtils.waitForFxEvents();

    // Show the run's file in the code tab too, as it was at this step.
    robot
        .lookup(
            n -> n instanceof javafx.scene.control.TreeCell<?> c && "part.scad".equals(c.getText()))
        .tryQuery()
        .ifPresent(robot::clickOn);
    WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
    WaitForAsyncUtils.waitForFxEvents();

    BufferedImage window = snapshot(stage.getScene().getRoot());
    assertThat(Screenshots.dominantColourShare(window)).isLessThan(0.8);
    save(window, "main-window.png");
    BufferedImage timeline = snapshot(robot.lookup("#timeline-pane").query());
    assertThat(Screenshots.dominantColourShare(timeline)).isLessThan(0.9);
    save(timeline, "timeline.png");
  }

  /** Clicks the run's row in the runs table, as a user selects a run. */
  private void clickRunRow(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    Node row =
        robot.lookup(".table-row-cell").queryAll().stream()
            .filter(
                n ->
                    n instanceof TableRow<?> r
                        && r.getItem() instanceof RunRow rr
                        && rr.id() == run.id()
                        && r.isVisible())
            .findFirst()
            .orElseThrow();
    robot.clickOn(row);
  }

  private static void save(BufferedImage image, String name) throws Exception {
    Path shots = Path.of(System.getProperty("benchwright.screenshotDir", "../docs/screenshots"));
    Path png = Files.createDirectories(shots).resolve(name);
    assertThat(ImageIO.write(image, "png", png.toFile())).isTrue();
  }

  private static BufferedImage snapshot(Node node) throws Exception {
    WritableImage image =
        WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)).get(10, TimeUnit.SECONDS);
    return SwingFXUtils.fromFXImage(image, null);
  }

  @SuppressWarnings("unchecked")
  private static TableView<Object> table(FxRobot robot) {
    return robot.lookup("#runs-table").queryAs(TableView.class);
  }

  @SuppressWarnings("unchecked")
  private static ListView<Long> list(FxRobot robot) {
    return robot.lookup("#timeline-list").queryAs(ListView.class);
  }

  /** Waits until the cell of {@code seq} is selected, on screen and showing its event. */
  private void waitForSelectedCell(FxRobot robot, long seq) throws Exception {
    try {
      waitForSelectedCell0(robot, seq);
    } catch (java.util.concurrent.TimeoutException e) {
      ListView<Long> l = list(robot);
      StringBuilder sb = new StringBuilder("selected " + l.getSelectionModel().getSelectedIndex());
      sb.append(" items ")
          .append(l.getItems().size())
          .append(" step ")
          .append(viewModel.runCursor().step());
      robot
          .lookup(".timeline-cell")
          .queryAll()
          .forEach(
              n -> {
                ListCell<?> c = (ListCell<?>) n;
                sb.append("\n cell ")
                    .append(c.getIndex())
                    .append(' ')
                    .append(c.getItem())
                    .append(' ')
                    .append(c.isVisible())
                    .append(' ')
                    .append(c.isSelected())
                    .append(' ')
                    .append(states(c));
              });
      throw new AssertionError(sb.toString(), e);
    }
  }

  private void waitForSelectedCell0(FxRobot robot, long seq) throws Exception {
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            list(robot).getSelectionModel().getSelectedIndex() == seq - 1
                && selectedCell(robot).map(c -> states(c).contains("loaded")).orElse(false));
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static Optional<ListCell<?>> selectedCell(FxRobot robot) {
    int index = list(robot).getSelectionModel().getSelectedIndex();
    return cellAt(robot, index).filter(c -> c.isSelected());
  }

  private static Optional<ListCell<?>> cellAt(FxRobot robot, int index) {
    return robot.lookup(".timeline-cell").queryAll().stream()
        .<ListCell<?>>map(n -> (ListCell<?>) n)
        .filter(c -> c.getIndex() == index && c.isVisible() && c.getItem() != null)
        .findFirst();
  }

  /** The cell's CSS pseudo-classes: what it shows (kind-exec, failed, loaded...). */
  private static java.util.Set<String> states(ListCell<?> cell) {
    return cell.getPseudoClassStates().stream()
        .map(javafx.css.PseudoClass::getPseudoClassName)
        .collect(java.util.stream.Collectors.toSet());
  }

  private static String titleOf(ListCell<?> cell) {
    return ((Label) cell.lookup(".event-title")).getText();
  }
}
