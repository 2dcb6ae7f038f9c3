package org.benchwright.desktop.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.stage.Screen;
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

    // A first launch: the window fits the primary screen (issue 18), and the frame fills it.
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    WindowPlacement fitted = WindowPlacement.place(List.of(screen), null);
    assertThat(new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()))
        .isEqualTo(fitted.bounds());
    assertThat(screen.contains(fitted.bounds())).isTrue();
    assertThat(image.getWidth()).isEqualTo((int) stage.getScene().getWidth());
    assertThat(image.getHeight()).isEqualTo((int) stage.getScene().getHeight());
    // A blank or single-colour frame means nothing rendered; panes, text and bars add colours.
    // (The committed main-window.png is taken by TimelineIT, with a run in every pane.)
    assertThat(Screenshots.dominantColourShare(image)).isLessThan(0.9);
  }

  @Test
  void theWindowReopensWhereItWasClosedUnlessThatIsOffEveryScreen(FxRobot robot, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("config").resolve("window.json");
    WindowPlacementStore store = WindowPlacementStore.file(file);
    relaunch(robot, store);
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    WindowPlacement fitted = WindowPlacement.place(List.of(screen), null);
    assertThat(bounds()).isEqualTo(fitted.bounds());

    // The user moves and resizes the window, then closes it.
    Rectangle2D moved = new Rectangle2D(screen.getMinX() + 40, screen.getMinY() + 30, 1000, 640);
    robot.interact(
        () -> {
          stage.setX(moved.getMinX());
          stage.setY(moved.getMinY());
          stage.setWidth(moved.getWidth());
          stage.setHeight(moved.getHeight());
        });
    WaitForAsyncUtils.waitForFxEvents();
    robot.interact(
        () -> {
          // Keep the test's stage open: only the window's own handler (which saves) runs.
          javafx.event.EventHandler<javafx.stage.WindowEvent> keepOpen =
              javafx.event.Event::consume;
          stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST, keepOpen);
          stage.fireEvent(
              new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
          stage.removeEventHandler(javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST, keepOpen);
        });
    assertThat(store.load())
        .contains(
            new WindowPlacement(
                moved.getMinX(), moved.getMinY(), moved.getWidth(), moved.getHeight(), false));

    // The next launch opens it there.
    relaunch(robot, store);
    assertThat(bounds()).isEqualTo(moved);

    // A placement on a monitor that has since been unplugged: the fitted default again.
    store.save(new WindowPlacement(screen.getMaxX() + 200, 0, 1200, 800, false));
    relaunch(robot, store);
    assertThat(bounds()).isEqualTo(fitted.bounds());
  }

  private void relaunch(FxRobot robot, WindowPlacementStore store) throws Exception {
    workbench.close();
    robot.interact(() -> workbench = TestWorkbench.window(stage, 1, Duration.ofSeconds(5), store));
    viewModel = workbench.viewModel();
    dialogs = workbench.dialogs();
    WaitForAsyncUtils.waitForFxEvents();
  }

  private Rectangle2D bounds() {
    return new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
  }
}
