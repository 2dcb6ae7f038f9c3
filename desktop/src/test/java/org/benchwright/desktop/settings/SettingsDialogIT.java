package org.benchwright.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.benchwright.desktop.main.MainWindow;
import org.benchwright.desktop.main.MainWindowViewModel;
import org.benchwright.desktop.ui.FakeDialogService;
import org.benchwright.desktop.ui.FxUiExecutor;
import org.benchwright.engine.project.Project;
import org.benchwright.testsupport.fx.Screenshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** File ▸ Project Settings on a real (virtual) screen: a bad value is refused, a good one saved. */
@ExtendWith(ApplicationExtension.class)
class SettingsDialogIT {

  private static final String KEY = "skills.learn_after";

  private final FakeDialogService dialogs = new FakeDialogService();
  private FxUiExecutor executor;
  private MainWindowViewModel viewModel;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    executor = new FxUiExecutor(1, Duration.ofSeconds(10));
    viewModel = new MainWindowViewModel(executor, dialogs);
    new MainWindow(stage, viewModel, org.benchwright.desktop.main.WindowPlacementStore.inMemory())
        .show();
  }

  @AfterEach
  void closeProjectAndExecutor() throws Exception {
    WaitForAsyncUtils.asyncFx(viewModel::close).get(10, TimeUnit.SECONDS);
    executor.close();
  }

  @Test
  void aBadValueShowsWhyAndWritesNothingThenAGoodOneIsSaved(FxRobot robot, @TempDir Path dir)
      throws Exception {
    dialogs.answerNewProject(dir.resolve("settings.bwproj"));
    robot.clickOn("File").clickOn("New Project…");
    WaitForAsyncUtils.waitFor(
        120, TimeUnit.SECONDS, () -> "Benchwright — settings.bwproj".equals(stage.getTitle()));
    Project project = viewModel.project().orElseThrow();
    Map<String, String> before = project.settings().all();

    robot.clickOn("File").clickOn("Project Settings…");
    WaitForAsyncUtils.waitFor(
        60,
        TimeUnit.SECONDS,
        () ->
            robot.lookup("#settings-table").tryQuery().isPresent()
                && !robot.lookup("#settings-table").queryAs(TableView.class).getItems().isEmpty());
    // The concrete key is typed, as for a tool's or a workflow's key the table lists as a pattern.
    robot.clickOn(robot.lookup("#setting-key").queryAs(ComboBox.class).getEditor()).write(KEY);
    WaitForAsyncUtils.waitFor(
        60,
        TimeUnit.SECONDS,
        () ->
            robot
                .lookup(
                    n ->
                        n instanceof Label l
                            && "Allowed: an integer of at least 0".equals(l.getText()))
                .tryQuery()
                .isPresent());
    WaitForAsyncUtils.waitForFxEvents();

    robot.clickOn("#setting-value").write("-1");
    robot.clickOn("#setting-save");
    WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !errorText(robot).isEmpty());

    assertThat(errorText(robot))
        .isEqualTo(KEY + " must be an integer of at least 0; -1 is out of range.");
    assertThat(project.settings().all()).isEqualTo(before);
    Screenshots.save(
        robot.lookup(".dialog-pane").queryAs(DialogPane.class).getScene(), "settings-dialog.png");

    robot.clickOn("#setting-value").push(KeyCode.SHORTCUT, KeyCode.A).write("2");
    robot.clickOn("#setting-save");
    WaitForAsyncUtils.waitFor(
        60, TimeUnit.SECONDS, () -> project.settings().get(KEY).equals(Optional.of("2")));
    WaitForAsyncUtils.waitFor(
        60,
        TimeUnit.SECONDS,
        () ->
            robot
                .lookup("#setting-status")
                .queryAs(Label.class)
                .getText()
                .equals("Saved " + KEY + "."));

    assertThat(errorText(robot)).isEmpty();
    assertThat(dialogs.errors()).isEmpty();
    robot.clickOn("Close");
  }

  private static String errorText(FxRobot robot) {
    return robot.lookup("#setting-error").queryAs(Label.class).getText();
  }
}
