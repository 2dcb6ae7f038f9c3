package org.benchwright.desktop.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.benchwright.desktop.ui.FakeDialogService;
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

/** The real main window on a real (virtual) screen, with only the file choosers stubbed. */
@ExtendWith(ApplicationExtension.class)
class MainWindowIT {

  private TestWorkbench workbench;
  private FakeDialogService dialogs;
  private MainWindowViewModel viewModel;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    workbench = TestWorkbench.window(stage, 1, Duration.ofSeconds(5));
    dialogs = workbench.dialogs();
    viewModel = workbench.viewModel();
  }

  @AfterEach
  void closeProjectAndExecutor() throws Exception {
    workbench.close();
  }

  @Test
  void startsWithTheAppNameAndNoProject(FxRobot robot) {
    assertThat(stage.getTitle()).isEqualTo("Benchwright");
    assertThat(robot.lookup("#status-bar").queryAs(StatusBar.class).getText())
        .isEqualTo("No project open");
    assertThat(robot.lookup("#runs-placeholder").queryAs(Label.class).getText())
        .isEqualTo("No project open — File ▸ New or Open");
    assertThat(robot.lookup("#versions").queryAs(Label.class).getText()).startsWith("Java ");
  }

  @Test
  void newProjectFromTheFileMenuOpensItAndNamesItInTheTitle(FxRobot robot, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("demo.bwproj");
    dialogs.answerNewProject(file);

    robot.clickOn("File").clickOn("New Project…");

    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> "Benchwright — demo.bwproj".equals(stage.getTitle()));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(file).exists();
    assertThat(robot.lookup("#status-bar").queryAs(StatusBar.class).getText())
        .isEqualTo(file.toString());
    assertThat(robot.lookup("#runs-placeholder").queryAs(Label.class).getText())
        .isEqualTo("No runs yet");
    assertThat(dialogs.errors()).isEmpty();
  }

  @Test
  void theExportDialogCountsWhatAProjectHoldsAndIsCaptured(FxRobot robot, @TempDir Path dir)
      throws Exception {
    dialogs.answerNewProject(dir.resolve("export.bwproj"));
    robot.clickOn("File").clickOn("New Project…");
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> "Benchwright — export.bwproj".equals(stage.getTitle()));

    robot.clickOn("File").clickOn("Export Training Data…");
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            robot.lookup(".dialog-pane").tryQuery().isPresent()
                && robot
                    .lookup(
                        l ->
                            l instanceof Label lb
                                && lb.getText() != null
                                && lb.getText().startsWith("0 runs"))
                    .tryQuery()
                    .isPresent());
    javafx.scene.control.DialogPane pane =
        robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
    Screenshots.save(pane.getScene(), "export-dialog.png");
    robot.clickOn("Close");
    assertThat(dialogs.errors()).isEmpty();
  }

  @Test
  void theEmptyWindowRendersItsPanes() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    BufferedImage image = Screenshots.of(stage.getScene());

    assertThat(image.getWidth()).isEqualTo((int) MainWindow.WIDTH);
    assertThat(image.getHeight()).isEqualTo((int) MainWindow.HEIGHT);
    // A blank or single-colour frame means nothing rendered; panes, text and bars add colours.
    // (The committed main-window.png is taken by TimelineIT, with a run in every pane.)
    assertThat(Screenshots.dominantColourShare(image)).isLessThan(0.9);
  }
}
