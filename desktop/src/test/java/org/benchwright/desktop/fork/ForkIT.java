package org.benchwright.desktop.fork;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.benchwright.desktop.main.MainWindowViewModel;
import org.benchwright.desktop.main.TestWorkbench;
import org.benchwright.desktop.runs.RunRow;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.testsupport.fx.Screenshots;
import org.fxmisc.richtext.CodeArea;
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
 * Forks in the main window over a real project file holding a real run and a real fork of it
 * ({@link ForkFixture}): the fork's timeline with its shared part greyed, the runs tree, "Fork from
 * here…" making forks (checked in the project file), refusing a bad reply, and the Compare window.
 */
@ExtendWith(ApplicationExtension.class)
class ForkIT {

  private static final PseudoClass SHARED = PseudoClass.getPseudoClass("shared");
  private static final PseudoClass FORK_POINT = PseudoClass.getPseudoClass("fork-point");
  private static final PseudoClass KIND_FORK = PseudoClass.getPseudoClass("kind-fork");

  @TempDir static Path dir;

  private TestWorkbench workbench;
  private MainWindowViewModel viewModel;
  private Stage stage;
  private ForkFixture fixture;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    workbench = TestWorkbench.window(stage, 2, Duration.ofSeconds(5));
    viewModel = workbench.viewModel();
  }

  @BeforeEach
  void openAProjectWithAFork(FxRobot robot) throws Exception {
    fixture = ForkFixture.create(dir.resolve("fork-" + System.nanoTime() + ".bwproj"));
    robot.interact(() -> viewModel.openProject(fixture.file));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 2);
  }

  @AfterEach
  void close(FxRobot robot) throws Exception {
    // Windows this test opened (fork form, compare) go with it.
    robot.interact(
        () ->
            List.copyOf(Window.getWindows()).stream()
                .filter(w -> w != stage && w instanceof Stage)
                .forEach(w -> ((Stage) w).close()));
    workbench.close();
  }

  @Test
  void aForksTimelineGreysWhatItSharesAndTheRunsListNestsIt(FxRobot robot) throws Exception {
    // The tree: the parent, then its fork indented under it with its fork step.
    List<RunRow> rows = List.copyOf(table(robot).getItems());
    assertThat(rows).extracting(RunRow::id).containsExactly(fixture.parent, fixture.fork);
    assertThat(rows).extracting(RunRow::depth).containsExactly(0, 1);
    assertThat(taskCellText(robot, fixture.fork))
        .isEqualTo("↳ fork @ " + fixture.forkSeq + " · A ramp for a rolling ball");
    assertThat(taskCellText(robot, fixture.parent)).isEqualTo("A ramp for a rolling ball");

    clickRunRow(robot, fixture.fork);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> !label(robot, "#timeline-fork-banner").isEmpty());
    assertThat(label(robot, "#timeline-fork-banner"))
        .isEqualTo(
            "Forked from run "
                + fixture.parent
                + " at event "
                + fixture.forkSeq
                + " by alice: try a steeper ramp");

    // The shared part is greyed; the fork's own history starts at its FORK event.
    moveTo(robot, 1);
    assertThat(cellAt(robot, 1).getPseudoClassStates()).contains(SHARED);
    moveTo(robot, fixture.forkSeq);
    assertThat(cellAt(robot, fixture.forkSeq).getPseudoClassStates()).contains(SHARED);
    moveTo(robot, fixture.forkSeq + 1);
    ListCell<Long> forkCell = cellAt(robot, fixture.forkSeq + 1);
    assertThat(forkCell.getPseudoClassStates())
        .contains(FORK_POINT, KIND_FORK)
        .doesNotContain(SHARED);
    assertThat(titleOf(forkCell))
        .isEqualTo("Forked at event " + fixture.forkSeq + " by alice: try a steeper ramp");
    moveTo(robot, fixture.forkSeq + 2);
    assertThat(cellAt(robot, fixture.forkSeq + 2).getPseudoClassStates()).doesNotContain(SHARED);

    // The parent's own timeline has nothing shared and no banner.
    clickRunRow(robot, fixture.parent);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> viewModel.runCursor().run().id() == fixture.parent);
    moveTo(robot, 1);
    assertThat(cellAt(robot, 1).getPseudoClassStates()).doesNotContain(SHARED);
    assertThat(robot.lookup("#timeline-fork-banner").query().isVisible()).isFalse();
  }

  @Test
  void forkFromHereWithAnEditedReplyMakesTheForkAndSelectsIt(FxRobot robot) throws Exception {
    clickRunRow(robot, fixture.parent);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> viewModel.runCursor().run().id() == fixture.parent);
    moveTo(robot, fixture.forkSeq);
    robot.clickOn("#event-fork");

    // Prefilled with what the run recorded as its next reply: the second write.
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> text(robot, "#fork-reply").contains("write_file"));
    assertThat(text(robot, "#fork-reply")).contains("ball: 20 mm");
    assertThat(robot.lookup("#fork-reply").queryAs(TextArea.class).isDisabled()).isTrue();
    assertThat(label(robot, "#fork-note")).isEmpty(); // after a tool result: no need to move
    // At a tool result, the result itself can be written instead (the fork then parts before it).
    assertThat(robot.lookup("#fork-change-tool-result").queryAs(CheckBox.class).isDisabled())
        .isFalse();
    assertThat(label(robot, "#fork-pending-tool")).isEqualTo("answers write_file (call w1)");
    assertThat(text(robot, "#fork-plan")).isEqualTo("Make a ramp.\n\n- [todo] ramp");

    robot.clickOn("#fork-change-reply");
    robot.interact(
        () -> {
          TextArea reply = robot.lookup("#fork-reply").queryAs(TextArea.class);
          reply.setText(reply.getText().replace("ball: 20 mm", "ball: 30 mm"));
        });
    robot.clickOn("#fork-why").write("a bigger ball");
    robot.clickOn("#fork-create");

    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 3);
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> {
          RunInfo run = viewModel.runCursor().run();
          return run != null && run.parentRunId() != null && run.id() != fixture.fork;
        });
    RunInfo made = viewModel.runCursor().run();
    // Selected in the list, as a second fork of the parent.
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> {
          RunRow selected = table(robot).getSelectionModel().getSelectedItem();
          return selected != null && selected.id() == made.id();
        });
    assertThat(table(robot).getItems())
        .extracting(RunRow::id, RunRow::depth)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(fixture.parent, 0),
            org.assertj.core.groups.Tuple.tuple(fixture.fork, 1),
            org.assertj.core.groups.Tuple.tuple(made.id(), 1));
    assertThat(robot.lookup("#fork-dialog").tryQuery()).isEmpty();

    // In the project file: its parent and step, and the FORK event with the reply written.
    Project project = viewModel.project().orElseThrow();
    RunInfo stored = project.runs().find(made.id()).orElseThrow();
    assertThat(stored.parentRunId()).isEqualTo(fixture.parent);
    assertThat(stored.forkSeq()).isEqualTo(fixture.forkSeq);
    EventPayload.Fork event = forkEvent(project, made.id());
    assertThat(event.atSeq()).isEqualTo(fixture.forkSeq);
    assertThat(event.why()).isEqualTo("a bigger ball");
    assertThat(event.reuseDecisions()).isFalse();
    JsonNode call = event.change().path("reply").path("tool_calls").path(0);
    assertThat(call.path("name").asText()).isEqualTo("write_file");
    assertThat(call.path("arguments").path("content").asText())
        .isEqualTo("ramp: 10 degrees\nball: 30 mm\n");
    // Left paused (the default): nothing ran after the FORK event.
    assertThat(project.events().lastSeq(made.id())).isEqualTo(fixture.forkSeq + 1);
  }

  @Test
  void aForkOfAForkAtItsEndMovesBackAndNestsTwoDeep(FxRobot robot) throws Exception {
    clickRunRow(robot, fixture.fork);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> viewModel.runCursor().run().id() == fixture.fork);
    long last = viewModel.runCursor().lastStepProperty().get();
    moveTo(robot, last); // its outcome: the run had ended there
    // From the row's context menu this time.
    robot.clickOn(cellAt(robot, last), MouseButton.SECONDARY);
    robot.clickOn("Fork from here…");
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> robot.lookup("#fork-heading").tryQuery().isPresent());
    assertThat(label(robot, "#fork-heading"))
        .isEqualTo("Fork run " + fixture.fork + " at event " + last);
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !label(robot, "#fork-note").isEmpty());
    assertThat(label(robot, "#fork-note")).contains("the run had ended").contains("before " + last);
    robot.clickOn("#fork-why").write("again from the end");
    robot.clickOn("#fork-create");

    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 3);
    List<RunRow> rows = List.copyOf(table(robot).getItems());
    assertThat(rows).extracting(RunRow::depth).containsExactly(0, 1, 2);
    RunRow nested = rows.get(2);
    assertThat(nested.info().parentRunId()).isEqualTo(fixture.fork);
    assertThat(nested.info().forkSeq()).isLessThan(last);
    assertThat(taskCellText(robot, nested.id()))
        .startsWith("    ↳ fork @ " + nested.info().forkSeq() + " · ");
    EventPayload.Fork event = forkEvent(viewModel.project().orElseThrow(), nested.id());
    assertThat(event.requestedSeq())
        .as(forkEventJson(viewModel.project().orElseThrow(), nested.id()))
        .isEqualTo(last);
    assertThat(event.note()).contains("the run had ended");
  }

  @Test
  void aReplyThatIsNotAValidTurnIsRefusedAndNothingIsMade(FxRobot robot) throws Exception {
    clickRunRow(robot, fixture.parent);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> viewModel.runCursor().run().id() == fixture.parent);
    moveTo(robot, fixture.forkSeq);
    robot.clickOn("#event-fork");
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> text(robot, "#fork-reply").contains("write_file"));
    robot.clickOn("#fork-change-reply");

    robot.interact(
        () -> robot.lookup("#fork-reply").queryAs(TextArea.class).setText("{\"text\": "));
    robot.clickOn("#fork-create");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !label(robot, "#fork-error").isEmpty());
    assertThat(label(robot, "#fork-error")).startsWith("The reply is not valid JSON");

    // JSON, but not a turn: the engine refuses it, and says why.
    robot.interact(
        () -> robot.lookup("#fork-reply").queryAs(TextArea.class).setText("{\"tool_calls\": 5}"));
    robot.clickOn("#fork-create");
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> label(robot, "#fork-error").contains("not a valid turn"));
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> !robot.lookup("#fork-create").queryAs(Button.class).isDisabled());

    assertThat(robot.lookup("#fork-dialog").tryQuery()).isPresent(); // still open to fix it
    Project project = viewModel.project().orElseThrow();
    assertThat(project.runs().list()).hasSize(2);
    assertThat(project.runs().forksOf(fixture.parent))
        .extracting(RunInfo::id)
        .containsExactly(fixture.fork);
  }

  @Test
  void compareShowsBothBranchesAfterTheirSharedPartAndTheirFiles(FxRobot robot) throws Exception {
    clickRunRow(robot, fixture.fork);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> viewModel.runCursor().run().id() == fixture.fork);
    robot.clickOn(rowOf(robot, fixture.fork), MouseButton.SECONDARY);
    robot.clickOn("Compare with Parent");

    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> label(robot, "#compare-header-a").startsWith("Run "));
    Project project = viewModel.project().orElseThrow();
    long parentLast = project.events().lastSeq(fixture.parent);
    long forkLast = project.events().lastSeq(fixture.fork);
    assertThat(label(robot, "#compare-header-a"))
        .startsWith(
            "Run "
                + fixture.parent
                + " · failed · "
                + (parentLast - fixture.forkSeq)
                + " events · 2 model calls");
    assertThat(label(robot, "#compare-header-b"))
        .startsWith(
            "Run "
                + fixture.fork
                + " (fork of "
                + fixture.parent
                + " at "
                + fixture.forkSeq
                + ") · "
                + project.runs().outcome(fixture.fork).orElseThrow()[0]
                + " · "
                + (forkLast - fixture.forkSeq)
                + " events · 2 model calls");
    assertThat(label(robot, "#compare-shared"))
        .startsWith("Shared history: events 1 to " + fixture.forkSeq + ";");

    @SuppressWarnings("unchecked")
    TableView<CompareViewModel.Row> rows = robot.lookup("#compare-table").queryAs(TableView.class);
    // The FORK event is where the fork branched, not a step: the first row pairs both sides'
    // first model call after the point.
    assertThat(rows.getItems())
        .hasSize((int) Math.max(parentLast - fixture.forkSeq, forkLast - fixture.forkSeq - 1));
    CompareViewModel.Row first = rows.getItems().getFirst();
    assertThat(first.a().seq()).isEqualTo(fixture.forkSeq + 1);
    assertThat(first.bText()).startsWith("#" + (fixture.forkSeq + 2) + " model request");
    assertThat(first.aText()).startsWith("#" + (fixture.forkSeq + 1) + " model request");
    // And on screen, in the two columns.
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            rows.lookupAll(".table-cell").stream()
                .filter(n -> n instanceof javafx.scene.control.Labeled l && l.getText() != null)
                .map(n -> ((javafx.scene.control.Labeled) n).getText())
                .toList()
                .containsAll(List.of(first.aText(), first.bText())));

    // The ends: the parent's two writes against the fork's one.
    robot.clickOn("#compare-end-tab");
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> codeText(robot, "#compare-end-diff").contains("ramp"));
    assertThat(codeText(robot, "#compare-end-diff"))
        .contains("-ramp: 10 degrees", "-ball: 20 mm", "+ramp: 15 degrees");

    // A row's files: right after the fork point neither side has written again.
    robot.clickOn("#compare-step-tab");
    robot.interact(() -> rows.getSelectionModel().select(0));
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            codeText(robot, "#compare-step-diff")
                .equals("The files are the same after these two steps"));
    // The last row: each side at its end, so the same difference as the ends.
    robot.interact(() -> rows.getSelectionModel().select(rows.getItems().size() - 1));
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> codeText(robot, "#compare-step-diff").contains("+ramp: 15 degrees"));
    assertThat(label(robot, "#compare-step-title"))
        .isEqualTo(
            "Files of run "
                + fixture.parent
                + " after #"
                + parentLast
                + " against run "
                + fixture.fork
                + " after #"
                + forkLast);

    Screenshots.save(rows.getScene(), "compare.png");
  }

  /** The run's own FORK event (a fork of a fork also reads its parent's, shared). */
  private static EventPayload.Fork forkEvent(Project project, long runId) {
    return project.events().events(runId, 1, 10_000).stream()
        .filter(e -> e.type() == EventType.FORK && e.runId() == runId)
        .map(e -> e.payload(EventPayload.Fork.class))
        .findFirst()
        .orElseThrow();
  }

  private static String forkEventJson(Project project, long runId) {
    return project.events().events(runId, 1, 10_000).stream()
        .filter(e -> e.type() == EventType.FORK && e.runId() == runId)
        .map(RecordedEvent::payloadJson)
        .findFirst()
        .orElseThrow();
  }

  private void moveTo(FxRobot robot, long seq) throws Exception {
    robot.interact(() -> viewModel.runCursor().moveTo(seq));
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> {
          Optional<ListCell<Long>> cell = findCell(robot, seq);
          return cell.isPresent() && !titleOf(cell.get()).equals("loading…");
        });
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static ListCell<Long> cellAt(FxRobot robot, long seq) {
    return findCell(robot, seq).orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Optional<ListCell<Long>> findCell(FxRobot robot, long seq) {
    return robot.lookup("#timeline-list .timeline-cell").queryAll().stream()
        .filter(
            n ->
                n instanceof ListCell<?> c
                    && Long.valueOf(seq).equals(c.getItem())
                    && c.isVisible())
        .map(n -> (ListCell<Long>) n)
        .findFirst();
  }

  private static String titleOf(ListCell<Long> cell) {
    return ((Label) cell.lookup(".event-title")).getText();
  }

  private static Node rowOf(FxRobot robot, long runId) {
    WaitForAsyncUtils.waitForFxEvents();
    return robot.lookup("#runs-table .table-row-cell").queryAll().stream()
        .filter(
            n ->
                n instanceof TableRow<?> r
                    && r.getItem() instanceof RunRow rr
                    && rr.id() == runId
                    && r.isVisible())
        .findFirst()
        .orElseThrow();
  }

  private static void clickRunRow(FxRobot robot, long runId) {
    robot.clickOn(rowOf(robot, runId));
  }

  /** The text the runs table's task column shows for a run. */
  private static String taskCellText(FxRobot robot, long runId) {
    return rowOf(robot, runId).lookupAll(".table-cell").stream()
        .filter(
            n ->
                n instanceof javafx.scene.control.TableCell<?, ?> c
                    && "runs-task-column".equals(c.getTableColumn().getId()))
        .map(n -> ((javafx.scene.control.TableCell<?, ?>) n).getText())
        .findFirst()
        .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static TableView<RunRow> table(FxRobot robot) {
    return robot.lookup("#runs-table").queryAs(TableView.class);
  }

  private static String label(FxRobot robot, String id) {
    return robot.lookup(id).queryAs(Label.class).getText();
  }

  private static String text(FxRobot robot, String id) {
    return robot.lookup(id).queryAs(TextArea.class).getText();
  }

  private static String codeText(FxRobot robot, String id) {
    return robot.lookup(id).queryAs(CodeArea.class).getText();
  }
}
