package org.benchwright.desktop.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.benchwright.desktop.WorkbenchFeatures;
import org.benchwright.desktop.main.MainWindow;
import org.benchwright.desktop.main.MainWindowViewModel;
import org.benchwright.desktop.project.DesktopSettings;
import org.benchwright.desktop.project.UserDirs;
import org.benchwright.desktop.ui.FakeDialogService;
import org.benchwright.desktop.ui.FxUiExecutor;
import org.benchwright.engine.live.LiveRuns;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.sandbox.DockerHealth;
import org.benchwright.testsupport.DockerRequired;
import org.benchwright.testsupport.fx.Screenshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The status bar's Docker and model items against the real Docker engine and real key lookup:
 * ready, image missing, key missing; the tooltip says what to do.
 */
@ExtendWith({DockerRequired.class, ApplicationExtension.class})
class StatusBarHealthIT {

  @TempDir Path dir;

  private FxUiExecutor executor;
  private MainWindowViewModel main;
  private WorkbenchFeatures features;
  private Stage stage;

  private void show(Supplier<DockerHealth> docker, Map<String, String> env) throws Exception {
    UserDirs dirs = new UserDirs(dir.resolve("config"), dir.resolve("data"));
    DesktopSettings.empty().opened(dir.resolve("old.bwproj")).closed().save(dirs.settingsFile());
    ApiKeys keys = ApiKeys.of(env, dir.resolve("no-keys.properties"));
    WaitForAsyncUtils.asyncFx(
            () -> {
              stage = new Stage();
              executor = new FxUiExecutor(2, Duration.ofSeconds(5));
              FakeDialogService dialogs = new FakeDialogService();
              main = new MainWindowViewModel(executor, dialogs);
              MainWindow window =
                  new MainWindow(
                      stage, main, org.benchwright.desktop.main.WindowPlacementStore.inMemory());
              features =
                  new WorkbenchFeatures(
                      stage, main, dirs, keys, p -> new LiveRuns(p, keys), docker);
              features.install(window);
              window.show();
              // Room below and right of the window for the tooltip in the screenshot.
              stage.setX(40);
              stage.setY(40);
              stage.setWidth(1280);
              stage.setHeight(800);
              features.start();
            })
        .get(10, TimeUnit.SECONDS);
    // The status bar goes into the window one pulse after its first frame (ADR 0036), its items
    // with its skin a pulse later.
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            stage.getScene().lookup("#health-docker") != null
                && stage.getScene().lookup("#health-model") != null);
  }

  @AfterEach
  void closeEverything() throws Exception {
    if (stage != null) {
      WaitForAsyncUtils.asyncFx(
              () -> {
                features.close(Duration.ofSeconds(5));
                main.close();
                stage.getScene().setRoot(new javafx.scene.layout.Pane());
                stage.close();
              })
          .get(20, TimeUnit.SECONDS);
      executor.close();
    }
  }

  @Test
  void aRunningDockerWithTheImageIsGreenAndAMissingKeySaysWhatToSet(FxRobot robot)
      throws Exception {
    show(DockerHealth::check, Map.of());
    Label docker = robot.lookup("#health-docker").queryAs(Label.class);
    Label model = robot.lookup("#health-model").queryAs(Label.class);

    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> docker.getText().startsWith("Docker 2"));
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> model.getText().equals("OpenAI: no API key"));

    assertThat(docker.getStyleClass()).contains("health-level-ok");
    assertThat(docker.getTooltip().getText()).contains("benchwright/cad-sim:latest is present");
    assertThat(model.getStyleClass()).contains("health-level-warning");
    assertThat(model.getTooltip().getText())
        .contains("Set OPENAI_API_KEY")
        .contains("Click to check again");

    // The status bar's skin may lay its items out again as others join it (a project opening):
    // hover the item the window shows now, once it is in the scene (it once failed in CI with
    // the node between two layouts).
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> {
          Label shown = robot.lookup("#health-model").queryAs(Label.class);
          return shown.getScene() != null && shown.isVisible() && shown.getWidth() > 0;
        });
    Label shown = robot.lookup("#health-model").queryAs(Label.class);
    robot.moveTo(shown);
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> shown.getTooltip().isShowing());
    WaitForAsyncUtils.waitForFxEvents();
    // The tooltip is its own window: capture the screen around the status bar to show both.
    Rectangle2D area =
        new Rectangle2D(
            stage.getX() + stage.getWidth() - 760,
            stage.getY() + stage.getHeight() - 120,
            1000,
            260);
    Screenshots.save(
        javafx.embed.swing.SwingFXUtils.fromFXImage(robot.capture(area).getImage(), null),
        "status-bar-health.png");
  }

  @Test
  void aMissingImageIsRedAndNamesTheBuildScript(FxRobot robot) throws Exception {
    show(() -> DockerHealth.check("benchwright/no-such-image:0"), Map.of());
    Label docker = robot.lookup("#health-docker").queryAs(Label.class);

    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> docker.getText().equals("Docker: image missing"));

    assertThat(docker.getStyleClass()).contains("health-level-error");
    assertThat(docker.getTooltip().getText())
        .contains("sandbox-images/build.sh")
        .contains("recorded runs still open");
  }

  @Test
  void aKeyInTheEnvironmentTurnsTheModelGreenAndAClickChecksAgain(FxRobot robot) throws Exception {
    int[] checks = {0};
    show(
        () -> {
          checks[0]++;
          return new DockerHealth(DockerHealth.State.READY, "Docker test", "fine");
        },
        Map.of("OPENAI_API_KEY", "sk-status-bar-test-000"));
    Label model = robot.lookup("#health-model").queryAs(Label.class);
    Label docker = robot.lookup("#health-docker").queryAs(Label.class);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> model.getText().equals("OpenAI: key set"));
    assertThat(model.getStyleClass()).contains("health-level-ok");
    assertThat(model.getText() + model.getTooltip().getText())
        .doesNotContain("sk-status-bar-test-000");

    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> docker.getText().equals("Docker test"));
    robot.clickOn(docker);

    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> checks[0] == 2);
  }
}
