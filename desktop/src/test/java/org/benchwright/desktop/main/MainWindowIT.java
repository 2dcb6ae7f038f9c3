package org.benchwright.desktop.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.benchwright.desktop.ui.FakeDialogService;
import org.benchwright.desktop.ui.FxUiExecutor;
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

  private final FakeDialogService dialogs = new FakeDialogService();
  private FxUiExecutor executor;
  private MainWindowViewModel viewModel;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    executor = new FxUiExecutor(1, Duration.ofSeconds(5));
    viewModel = new MainWindowViewModel(executor, dialogs);
    new MainWindow(stage, viewModel).show();
  }

  @AfterEach
  void closeProjectAndExecutor() throws Exception {
    WaitForAsyncUtils.asyncFx(viewModel::close).get(10, TimeUnit.SECONDS);
    executor.close();
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
    WritableImage snapshot =
        WaitForAsyncUtils.asyncFx(() -> pane.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
    BufferedImage image = SwingFXUtils.fromFXImage(snapshot, null);
    assertThat(dominantColourShare(image)).isLessThan(0.95);
    Path shots = Path.of(System.getProperty("benchwright.screenshotDir", "../docs/screenshots"));
    assertThat(
            ImageIO.write(
                image, "png", Files.createDirectories(shots).resolve("export-dialog.png").toFile()))
        .isTrue();
    robot.clickOn("Close");
    assertThat(dialogs.errors()).isEmpty();
  }

  @Test
  void theEmptyWindowRendersItsPanes() throws Exception {
    WaitForAsyncUtils.waitForFxEvents();
    WritableImage snapshot =
        WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
    BufferedImage image = SwingFXUtils.fromFXImage(snapshot, null);

    assertThat(image.getWidth()).isEqualTo((int) MainWindow.WIDTH);
    assertThat(image.getHeight()).isEqualTo((int) MainWindow.HEIGHT);
    // A blank or single-colour frame means nothing rendered; panes, text and bars add colours.
    // (The committed main-window.png is taken by TimelineIT, with a run in every pane.)
    assertThat(dominantColourShare(image)).isLessThan(0.9);
  }

  private static double dominantColourShare(BufferedImage image) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        counts.merge(image.getRGB(x, y), 1, Integer::sum);
      }
    }
    int dominant = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    return (double) dominant / (image.getWidth() * image.getHeight());
  }
}
