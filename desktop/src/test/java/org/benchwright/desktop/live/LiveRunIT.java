package org.benchwright.desktop.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.benchwright.desktop.main.MainWindowViewModel;
import org.benchwright.desktop.main.TestWorkbench;
import org.benchwright.desktop.project.DesktopSettings;
import org.benchwright.desktop.project.UserDirs;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.FakeDialogService;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.project.Project;
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
 * A live run started from Run ▸ New Run… with the scripted model, stepped, resumed and cancelled
 * from the toolbar of the real main window. The script plans and then gives up, so no Docker.
 */
@ExtendWith(ApplicationExtension.class)
class LiveRunIT {

  @TempDir Path dir;

  private TestWorkbench workbench;
  private FakeDialogService dialogs;
  private RunCursor cursor;
  private MainWindowViewModel main;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    UserDirs dirs = new UserDirs(dir.resolve("config"), dir.resolve("data"));
    // Not a first launch, and nothing to reopen: the test makes its own project.
    DesktopSettings.empty().opened(dir.resolve("old.bwproj")).closed().save(dirs.settingsFile());
    ApiKeys noKeys = ApiKeys.of(Map.of(), dir.resolve("no-keys.properties"));
    workbench = TestWorkbench.withFeatures(stage, 2, dirs, noKeys, DockerHealth::check);
    dialogs = workbench.dialogs();
    main = workbench.viewModel();
    cursor = main.runCursor();
  }

  @AfterEach
  void closeEverything() throws Exception {
    workbench.close();
  }

  private Label status(FxRobot robot) {
    return robot.lookup("#run-live-status").queryAs(Label.class);
  }

  private void newProject() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> main.newProject(dir.resolve("live.bwproj")))
        .get(10, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> "Benchwright — live.bwproj".equals(stage.getTitle()));
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Fills Run ▸ New Run… through its fields and presses Start. */
  private void startScriptedRun(FxRobot robot, boolean paused) throws Exception {
    robot.clickOn("#run-new");
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> robot.lookup("#new-run-dialog").tryQuery().isPresent());
    Button start = robot.lookup("#new-run-start").queryAs(Button.class);
    assertThat(start.isDisabled()).isTrue();
    assertThat(robot.lookup("#new-run-problem").queryAs(Label.class).getText())
        .isEqualTo("Describe the task for the agents.");

    robot.clickOn("#new-run-task").write("A ball rolls down a ramp into a bin.");
    ComboBox<String> provider = robot.lookup("#new-run-provider").queryAs(ComboBox.class);
    robot.interact(() -> provider.setValue("scripted"));
    assertThat(robot.lookup("#new-run-problem").queryAs(Label.class).getText())
        .startsWith("Choose the script file");
    TextField script = robot.lookup("#new-run-script").queryAs(TextField.class);
    Path turns = LiveRunsViewModelTest.script();
    robot.interact(() -> script.setText(turns.toString()));
    if (paused) {
      robot.clickOn("#new-run-paused");
    }
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(start.isDisabled()).isFalse();
    robot.clickOn("#new-run-start");
  }

  @Test
  void aRunStartedPausedStepsResumesAndEndsWhileItsEventsArrive(FxRobot robot) throws Exception {
    newProject();
    assertThat(robot.lookup("#run-pause").queryAs(Button.class).isDisabled()).isTrue();

    startScriptedRun(robot, true);

    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> status(robot).getText().matches("Run \\d+ paused · 0 events"));
    assertThat(robot.lookup("#run-step").queryAs(Button.class).isDisabled()).isFalse();
    assertThat(robot.lookup("#run-pause").queryAs(Button.class).isDisabled()).isTrue();
    Project project = main.project().orElseThrow();
    long runId = cursor.run().id();

    robot.clickOn("#run-step");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cursor.lastStepProperty().get() == 1);
    robot.clickOn("#run-step").clickOn("#run-step");
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> status(robot).getText().endsWith("paused · 3 events"));
    assertThat(project.events().lastSeq(runId)).isEqualTo(3);
    assertThat(cursor.step()).isEqualTo(3);
    Screenshots.save(Screenshots.of(stage.getScene()), "live-run.png");

    robot.clickOn("#run-resume");
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> status(robot).getText().matches("Run \\d+ failed · .*"));
    long recorded = project.events().lastSeq(runId);
    assertThat(recorded).isGreaterThan(10);
    assertThat(cursor.lastStepProperty().get()).isEqualTo(recorded);
    assertThat(project.runs().find(runId).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
    assertThat(robot.lookup("#run-cancel").queryAs(Button.class).isDisabled()).isTrue();
    // The runs list shows the run, and the summary tab its outcome.
    javafx.scene.control.TableView<?> table =
        robot.lookup("#runs-table").queryAs(javafx.scene.control.TableView.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
    robot.clickOn("Summary");
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> robot.lookup("#summary-outcome").queryAs(Label.class).getText().startsWith("Failed"));
    assertThat(dialogs.errors()).isEmpty();
  }

  @Test
  void aRunCancelledFromTheToolbarIsRecordedAsCancelled(FxRobot robot) throws Exception {
    newProject();
    startScriptedRun(robot, true);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> status(robot).getText().matches("Run \\d+ paused · 0 events"));
    robot.clickOn("#run-step");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cursor.lastStepProperty().get() == 1);

    robot.clickOn("#run-cancel");

    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> status(robot).getText().matches("Run \\d+ cancelled · .*"));
    Project project = main.project().orElseThrow();
    assertThat(project.runs().find(cursor.run().id()).orElseThrow().status())
        .isEqualTo(RunStatus.CANCELLED);
    assertThat(robot.lookup("#run-new").queryAs(Button.class).isDisabled()).isFalse();
  }
}
