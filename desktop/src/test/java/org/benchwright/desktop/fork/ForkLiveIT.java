package org.benchwright.desktop.fork;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.benchwright.desktop.main.MainWindowViewModel;
import org.benchwright.desktop.main.TestWorkbench;
import org.benchwright.desktop.project.DesktopSettings;
import org.benchwright.desktop.project.UserDirs;
import org.benchwright.desktop.runs.RunRow;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.FileVersion;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.engine.sandbox.DockerHealth;
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
 * Forks made in the window as the app runs it (live runs wired): "Replay (recorded answers)" of an
 * unchanged fork reproduces its parent; "Continue live" of a fork with a written reply goes on with
 * the run's script after the turns its history used.
 */
@ExtendWith(ApplicationExtension.class)
class ForkLiveIT {

  @TempDir static Path dir;

  private TestWorkbench workbench;
  private MainWindowViewModel main;
  private ForkFixture fixture;

  @Start
  void start(Stage stage) throws Exception {
    UserDirs dirs = new UserDirs(dir.resolve("config"), dir.resolve("data"));
    // Not a first launch, and nothing to reopen: the test opens its own project.
    DesktopSettings.empty().opened(dir.resolve("old.bwproj")).closed().save(dirs.settingsFile());
    ApiKeys noKeys = ApiKeys.of(Map.of(), dir.resolve("no-keys.properties"));
    workbench = TestWorkbench.withFeatures(stage, 2, dirs, noKeys, DockerHealth::check);
    main = workbench.viewModel();
  }

  @BeforeEach
  void openAProjectWithAFork(FxRobot robot) throws Exception {
    fixture = ForkFixture.create(dir.resolve("live-fork-" + System.nanoTime() + ".bwproj"));
    robot.interact(() -> main.openProject(fixture.file));
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 2);
  }

  @AfterEach
  void close() throws Exception {
    workbench.close();
  }

  @Test
  void anUnchangedForkReplayedWithTheRecordedAnswersEndsAsItsParentDid(FxRobot robot)
      throws Exception {
    RunInfo made = forkFromTheWindow(robot, "#fork-mode-replay", null, "does it reproduce?");
    Project project = main.project().orElseThrow();
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> ended(project, made.id()));

    assertThat(outcome(project, made.id())).isEqualTo(outcome(project, fixture.parent));
    // The replay wrote what the parent wrote after the point, so both end with the same files.
    assertThat(contents(project, made.id())).isEqualTo(contents(project, fixture.parent));
    assertThat(contents(project, made.id()))
        .containsEntry("notes.md", "ramp: 10 degrees\nball: 20 mm\n");
    // The timeline follows the fork to its end.
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> main.runCursor().lastStepProperty().get() == project.events().lastSeq(made.id()));

    // Run ▸ Compare…: the fork against its parent, offered first; both end with the same files.
    robot.clickOn("Run").clickOn("Compare…");
    try {
      WaitForAsyncUtils.waitFor(
          10, TimeUnit.SECONDS, () -> robot.lookup("#runs-compare-dialog").tryQuery().isPresent());
    } catch (java.util.concurrent.TimeoutException e) {
      javafx.scene.control.MenuBar bar =
          robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
      throw new AssertionError(
          "menus "
              + bar.getMenus().stream()
                  .map(
                      m ->
                          m.getText()
                              + m.getItems().stream()
                                  .map(i -> i.getText() + (i.isDisable() ? "(off)" : ""))
                                  .toList())
                  .toList()
              + " selected "
              + table(robot).getSelectionModel().getSelectedItem()
              + " windows "
              + javafx.stage.Window.getWindows(),
          e);
    }
    @SuppressWarnings("unchecked")
    javafx.scene.control.ComboBox<String> choice =
        robot
            .lookup("#runs-compare-dialog .combo-box")
            .queryAs(javafx.scene.control.ComboBox.class);
    assertThat(choice.getValue()).startsWith("Run " + fixture.parent + " · ");
    robot.clickOn(
        (javafx.scene.Node)
            robot
                .lookup("#runs-compare-dialog")
                .queryAs(javafx.scene.control.DialogPane.class)
                .lookupButton(javafx.scene.control.ButtonType.OK));
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () ->
            robot
                .lookup("#compare-header-a")
                .tryQueryAs(Label.class)
                .map(
                    l -> l.getText().startsWith("Run " + made.id() + " (fork of " + fixture.parent))
                .orElse(false));
    robot.clickOn("#compare-end-tab");
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            robot
                .lookup("#compare-end-diff")
                .queryAs(org.fxmisc.richtext.CodeArea.class)
                .getText()
                .equals("The two runs end with the same files"));
  }

  @Test
  void aForkWithAWrittenReplyContinuedLiveGoesOnWithTheRestOfTheScript(FxRobot robot)
      throws Exception {
    RunInfo made =
        forkFromTheWindow(
            robot,
            "#fork-mode-live",
            r -> r.replace("ball: 20 mm", "ball: 40 mm"),
            "a bigger ball");
    Project project = main.project().orElseThrow();
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> ended(project, made.id()));

    // The written reply answered the first call; the script's last turn (its submit) the next.
    List<String> calls =
        own(project, made.id()).stream()
            .filter(e -> e.type() == EventType.TOOL_CALL)
            .map(e -> e.payload(EventPayload.ToolCall.class).name())
            .toList();
    String log =
        own(project, made.id()).stream()
                .map(e -> e.seq() + " " + e.type() + " " + e.payloadJson())
                .collect(java.util.stream.Collectors.joining("\n"))
            + "\nmodel: "
            + project.runs().find(made.id()).orElseThrow().modelConfigJson();
    assertThat(calls).as(log).first().isEqualTo("write_file");
    assertThat(calls).as(log).contains("submit");
    assertThat(contents(project, made.id()))
        .containsEntry("notes.md", "ramp: 10 degrees\nball: 40 mm\n");
    assertThat(outcome(project, made.id())).isEqualTo(outcome(project, fixture.parent));
  }

  /** Opens "Fork from here…" at the fixture's fork step of the parent and creates the fork. */
  private RunInfo forkFromTheWindow(
      FxRobot robot, String mode, java.util.function.UnaryOperator<String> reply, String why)
      throws Exception {
    java.util.function.Supplier<java.util.Optional<javafx.scene.Node>> row =
        () ->
            robot.lookup("#runs-table .table-row-cell").queryAll().stream()
                .filter(
                    n ->
                        n instanceof TableRow<?> r
                            && r.getItem() instanceof RunRow rr
                            && rr.id() == fixture.parent
                            && r.isVisible())
                .findFirst();
    // The list re-reads its rows every few seconds: take the row and click it in one go.
    java.util.concurrent.atomic.AtomicReference<javafx.scene.Node> found =
        new java.util.concurrent.atomic.AtomicReference<>();
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> {
          row.get().ifPresent(found::set);
          return found.get() != null;
        });
    robot.clickOn(found.get());
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> main.runCursor().run() != null && main.runCursor().run().id() == fixture.parent);
    robot.interact(() -> main.runCursor().moveTo(fixture.forkSeq));
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () ->
            robot
                .lookup("#event-detail .detail-meta")
                .queryAs(Label.class)
                .getText()
                .startsWith("#" + fixture.forkSeq + " "));
    robot.clickOn("#event-fork");
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> robot.lookup("#fork-reply").queryAs(TextArea.class).getText().contains("write_file"));
    if (reply != null) {
      robot.clickOn("#fork-change-reply");
      robot.interact(
          () -> {
            TextArea area = robot.lookup("#fork-reply").queryAs(TextArea.class);
            area.setText(reply.apply(area.getText()));
          });
    }
    robot.clickOn("#fork-why").write(why);
    robot.clickOn(mode);
    robot.clickOn("#fork-create");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table(robot).getItems().size() == 3);
    try {
      WaitForAsyncUtils.waitFor(
          30,
          TimeUnit.SECONDS,
          () -> {
            RunInfo r = main.runCursor().run();
            return r != null && r.parentRunId() != null && r.id() != fixture.fork;
          });
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(
          "the fork was not selected; the form says: "
              + robot
                  .lookup("#fork-error")
                  .tryQueryAs(Label.class)
                  .map(Label::getText)
                  .orElse("(closed)")
              + "; cursor: "
              + main.runCursor().run(),
          e);
    }
    assertThat(robot.lookup("#fork-error").tryQuery()).isEmpty(); // made, went on, closed
    return main.runCursor().run();
  }

  private static boolean ended(Project project, long runId) {
    RunStatus s = project.runs().find(runId).orElseThrow().status();
    return s == RunStatus.SUCCEEDED || s == RunStatus.FAILED || s == RunStatus.CANCELLED;
  }

  private static String outcome(Project project, long runId) {
    return project.runs().outcome(runId).map(o -> o[0]).orElse(null);
  }

  /** The run's own events (not those it shares with its parent). */
  private static List<RecordedEvent> own(Project project, long runId) {
    return project.events().events(runId, 1, 10_000).stream()
        .filter(e -> e.runId() == runId)
        .toList();
  }

  private static Map<String, String> contents(Project project, long runId) {
    Map<String, FileVersion> files = project.files().filesAt(runId, Long.MAX_VALUE);
    Map<String, String> text = new java.util.TreeMap<>();
    files.forEach(
        (path, v) ->
            text.put(
                path,
                new String(
                    project.blobs().get(v.blobSha()).orElseThrow(),
                    java.nio.charset.StandardCharsets.UTF_8)));
    return text;
  }

  @SuppressWarnings("unchecked")
  private static TableView<RunRow> table(FxRobot robot) {
    return robot.lookup("#runs-table").queryAs(TableView.class);
  }
}
