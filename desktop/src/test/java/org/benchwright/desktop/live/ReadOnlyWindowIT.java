package org.benchwright.desktop.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.benchwright.desktop.main.MainWindowViewModel;
import org.benchwright.desktop.main.TestWorkbench;
import org.benchwright.desktop.project.DesktopSettings;
import org.benchwright.desktop.project.UserDirs;
import org.benchwright.desktop.runs.RunRow;
import org.benchwright.engine.agent.RunHandle;
import org.benchwright.engine.live.LiveRuns;
import org.benchwright.engine.live.NewRunRequest;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.DockerHealth;
import org.benchwright.testsupport.fx.Screenshots;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window over a project another process writes (here a second {@link LiveRuns} in this JVM,
 * standing for {@code benchwright serve}): it opens read-only and says who writes, New Run is
 * disabled, and a run the writer executes appears in the runs list and is followed to its end.
 */
@ExtendWith(ApplicationExtension.class)
class ReadOnlyWindowIT {

  @TempDir static Path dir;

  private TestWorkbench workbench;
  private MainWindowViewModel main;

  @Start
  void start(Stage stage) throws Exception {
    UserDirs dirs = new UserDirs(dir.resolve("config"), dir.resolve("data"));
    DesktopSettings.empty().opened(dir.resolve("old.bwproj")).closed().save(dirs.settingsFile());
    ApiKeys noKeys = ApiKeys.of(Map.of(), dir.resolve("no-keys.properties"));
    workbench = TestWorkbench.withFeatures(stage, 2, dirs, noKeys, DockerHealth::check);
    main = workbench.viewModel();
  }

  @AfterEach
  void close() throws Exception {
    workbench.close();
  }

  @Test
  void aServedProjectIsShownReadOnlyAndItsRunsAreFollowed(FxRobot robot) throws Exception {
    Path file = dir.resolve("served.bwproj");
    try (Project writerProject = Project.create(file);
        LiveRuns writer =
            new LiveRuns(writerProject, ApiKeys.of(Map.of(), dir.resolve("no-keys")))) {
      robot.interact(() -> main.openProject(file));
      WaitForAsyncUtils.waitFor(
          20, TimeUnit.SECONDS, () -> main.readOnlyProperty().get() && main.project().isPresent());
      assertThat(robot.lookup("#run-new").queryAs(Button.class).isDisabled()).isTrue();
      StatusBar status = robot.lookup("#status-bar").queryAs(StatusBar.class);
      assertThat(status.getText())
          .startsWith("Read-only: another process writes this project")
          .contains("Writer: pid ");
      assertThat(robot.listTargetWindows())
          .anySatisfy(
              w ->
                  assertThat(((Stage) w).getTitle())
                      .isEqualTo("Benchwright — served.bwproj (read-only)"));

      Path script = Path.of(getClass().getResource("plan-then-give-up.json").toURI());
      RunHandle run =
          writer.start(
              new NewRunRequest(
                  "benchmark-generator",
                  "A ball rolls down a ramp into a bin.",
                  new ModelConfig(
                      "scripted", "gpt-4o-mini", script.toUri().toString(), null, null, null, 0),
                  script,
                  true));
      TableView<RunRow> table = robot.lookup("#runs-table").queryAs(TableView.class);
      WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
      robot.interact(() -> main.selectRun(run.runId()));
      WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> main.runCursor().run() != null);

      run.control().resume();
      run.outcome().get(60, TimeUnit.SECONDS);
      long last = writerProject.events().lastSeq(run.runId());
      WaitForAsyncUtils.waitFor(
          20, TimeUnit.SECONDS, () -> main.runCursor().lastStepProperty().get() == last);
      WaitForAsyncUtils.waitFor(
          20,
          TimeUnit.SECONDS,
          () -> table.getItems().getFirst().status().toLowerCase().contains("failed"));
      // A fork is a write: the action is not offered.
      assertThat(robot.lookup("#event-fork").queryAs(Button.class).isVisible()).isFalse();
      Screenshots.save(robot.lookup("#status-bar").query().getScene(), "read-only-window.png");
    }
  }
}
