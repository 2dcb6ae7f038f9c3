package org.benchwright.desktop.skills;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.web.WebView;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.benchwright.desktop.main.MainWindowViewModel;
import org.benchwright.desktop.main.TestWorkbench;
import org.benchwright.desktop.ui.FakeDialogService;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.skills.SkillDraft;
import org.benchwright.engine.skills.SkillHit;
import org.benchwright.engine.skills.SkillLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** View ▸ Skills on a real (virtual) screen: search, read, edit, see the new version. */
@ExtendWith(ApplicationExtension.class)
class SkillsBrowserIT {

  static final String RAMP =
      """
      ## When to use
      `validate_mjcf` reports **verdict: intersection** between the ball and the ramp before the
      simulation starts.

      ## Steps
      1. Compute the ramp's surface height under the ball's start.
      2. Start the ball one radius plus 1 cm above it.

      ## Snippets
      ```python
      start_z = surface + radius + 0.01
      ```
      """;

  private TestWorkbench workbench;
  private FakeDialogService dialogs;
  private MainWindowViewModel viewModel;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    workbench = TestWorkbench.window(stage, 2, Duration.ofSeconds(30));
    dialogs = workbench.dialogs();
    viewModel = workbench.viewModel();
  }

  @AfterEach
  void closeProjectAndExecutor() throws Exception {
    workbench.close();
  }

  @Test
  void searchReadEditAndSeeTheNewVersion(FxRobot robot, @TempDir Path dir) throws Exception {
    dialogs.answerNewProject(dir.resolve("skills.bwproj"));
    robot.clickOn("File").clickOn("New Project…");
    WaitForAsyncUtils.waitFor(
        60, TimeUnit.SECONDS, () -> "Benchwright — skills.bwproj".equals(stage.getTitle()));
    Project project = viewModel.project().orElseThrow();
    long run = project.runs().create(new NewRun("benchmark-generator", "ramp", "{}")).id();
    SkillLibrary library = SkillLibrary.of(project);
    library.save(
        new SkillDraft(null, "Start the ball clear of the ramp surface", RAMP, Map.of(), run));
    library.save(
        SkillDraft.of(
            "Keep the ball inside the goal bin",
            "## When to use\nThe ball bounces out of the goal bin at the end of the ramp.\n\n"
                + "## Steps\n1. Raise the bin's walls above the ball's diameter.\n"));
    library.save(
        SkillDraft.of(
            "Reverse a string",
            "## When to use\nYou need a string backwards.\n\n## Steps\n1. `s[::-1]`\n"));

    robot.clickOn("View").clickOn("Skills…");
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> robot.lookup("#skill-search").tryQuery().isPresent());
    Stage skills = skillsStage();

    robot.clickOn("#skill-search").write("sphere sinks into the slope at the beginning");
    ListView<SkillHit> results = robot.lookup("#skill-results").queryListView();
    WaitForAsyncUtils.waitFor(
        60,
        TimeUnit.SECONDS,
        () ->
            !results.getItems().isEmpty()
                && results.getItems().getFirst().skill().title().startsWith("Start the ball"));
    for (SkillHit h : List.copyOf(results.getItems())) {
      System.out.printf(
          Locale.ROOT,
          "skills browser: '%s' score %.3f semantic %.3f keyword %.3f%n",
          h.skill().title(),
          h.score(),
          h.semantic(),
          h.keyword());
    }

    WaitForAsyncUtils.asyncFx(() -> results.getSelectionModel().select(0)).get(5, TimeUnit.SECONDS);
    WebView page = robot.lookup("#skill-page").queryAs(WebView.class);
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pageText(page).contains("Steps"));
    assertThat(pageText(page))
        .contains("Start the ball clear of the ramp surface")
        .contains("version 1")
        .contains("taught by run " + run)
        .contains("start_z = surface + radius + 0.01");
    assertThat(robot.lookup("#origin-run").queryAs(javafx.scene.control.Hyperlink.class).getText())
        .isEqualTo("Taught by run " + run);

    robot.clickOn("Edit");
    robot.clickOn("#edit-markdown");
    robot.press(KeyCode.CONTROL).press(KeyCode.END).release(KeyCode.END).release(KeyCode.CONTROL);
    robot.write("\n\nAfterwards validate_mjcf must say verdict: ok.");
    robot.clickOn("#edit-save");
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> robot.lookup("#skill-history").queryListView().getItems().size() == 2);

    robot.clickOn("History");
    TextArea diff = robot.lookup("#skill-diff").queryAs(TextArea.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> diff.getText().contains("--- version 1"));
    assertThat(diff.getText()).contains("+Afterwards validate_mjcf must say verdict: ok.");
    assertThat(library.history(SkillLibrary.slug("Start the ball clear of the ramp surface")))
        .hasSize(2);

    robot.clickOn("Skill");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pageText(page).contains("version 2"));
    assertThat(pageText(page)).contains("Afterwards validate_mjcf must say verdict: ok.");
    assertThat(robot.lookup("#origin-run").queryAs(javafx.scene.control.Hyperlink.class).getText())
        .isEqualTo("Taught by run " + run);
    assertThat(dialogs.errors()).isEmpty();

    Thread.sleep(300); // let the WebView paint the new page before the snapshot
    WaitForAsyncUtils.waitForFxEvents();
    WritableImage snapshot =
        WaitForAsyncUtils.asyncFx(() -> skills.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
    BufferedImage image = SwingFXUtils.fromFXImage(snapshot, null);
    Path shots = Path.of(System.getProperty("benchwright.screenshotDir", "../docs/screenshots"));
    Path png = Files.createDirectories(shots).resolve("skills-browser.png");
    assertThat(ImageIO.write(image, "png", png.toFile())).isTrue();
    assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(image.getWidth());
  }

  private static Stage skillsStage() {
    return Window.getWindows().stream()
        .filter(w -> w instanceof Stage s && "Skills".equals(s.getTitle()))
        .map(w -> (Stage) w)
        .findFirst()
        .orElseThrow();
  }

  private static String pageText(WebView page) {
    try {
      return WaitForAsyncUtils.asyncFx(
              () -> {
                var doc = page.getEngine().getDocument();
                return doc == null || doc.getDocumentElement() == null
                    ? ""
                    : doc.getDocumentElement().getTextContent();
              })
          .get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
