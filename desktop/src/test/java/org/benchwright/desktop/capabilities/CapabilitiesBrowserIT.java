package org.benchwright.desktop.capabilities;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.benchwright.desktop.capabilities.CapabilitiesViewModel.Row;
import org.benchwright.desktop.main.MainWindowViewModel;
import org.benchwright.desktop.main.TestWorkbench;
import org.benchwright.desktop.ui.FakeDialogService;
import org.benchwright.engine.project.Capabilities;
import org.benchwright.engine.project.Capabilities.NewTestRun;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * View ▸ Capabilities on a real (virtual) screen over the real embedding model: search, read the
 * code, tests, diff and test runs, quarantine and restore, follow a run link, delete.
 */
@ExtendWith(ApplicationExtension.class)
class CapabilitiesBrowserIT {

  static final String CODE_V2 =
      "def percentage_of(percent, value):\n    return round(value * percent / 100, 2)\n";
  static final String TESTS =
      "from capability import percentage_of\n\ndef test_fifteen():\n"
          + "    assert percentage_of(percent=15, value=300) == 45\n";

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
  void searchReadQuarantineRestoreFollowARunAndDelete(FxRobot robot, @TempDir Path dir)
      throws Exception {
    dialogs.answerNewProject(dir.resolve("caps.bwproj"));
    robot.clickOn("File").clickOn("New Project…");
    WaitForAsyncUtils.waitFor(
        60, TimeUnit.SECONDS, () -> "Benchwright — caps.bwproj".equals(stage.getTitle()));
    Project project = viewModel.project().orElseThrow();
    long made = project.runs().create(new NewRun("capability-synthesis", "pct", "{}")).id();
    long revised = project.runs().create(new NewRun("capability-synthesis", "pct", "{}")).id();
    long user = project.runs().create(new NewRun("benchmark-generator", "use", "{}")).id();
    register(
        project,
        "percentage_of",
        "A percentage of a number.",
        "def percentage_of(percent, value):\n    return value * percent / 100\n",
        false,
        made);
    register(project, "percentage_of", "A percentage of a number.", CODE_V2, true, revised);
    register(
        project,
        "reverse_text",
        "The characters of a text in reverse order.",
        "def reverse_text(text):\n    return text[::-1]\n",
        false,
        null);
    project.capabilities().recordUse("percentage_of", 2, "called", user, 7L);
    project.capabilities().recordUse("percentage_of", 2, "succeeded", user, 7L);

    robot.clickOn("View").clickOn("Capabilities…");
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> robot.lookup("#capability-search").tryQuery().isPresent());
    ListView<Row> results = robot.lookup("#capability-results").queryListView();
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> results.getItems().size() == 2);
    assertThat(results.getItems())
        .extracting(Row::name)
        .containsExactly("percentage_of", "reverse_text");

    robot.clickOn("#capability-search").write("percentage of a number");
    WaitForAsyncUtils.waitFor(
        60,
        TimeUnit.SECONDS,
        () -> results.getItems().size() == 1 && results.getItems().getFirst().hit() != null);
    assertThat(results.getItems().getFirst().name()).isEqualTo("percentage_of");
    // The list's items change before its cells are laid out again: wait for the cell to show them.
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> {
          try {
            return cellText(robot, "percentage_of").contains("meaning");
          } catch (RuntimeException notLaidOutYet) {
            return false;
          }
        });
    assertThat(cellText(robot, "percentage_of")).contains("meaning").contains("MATCH");

    robot.clickOn(cell(robot, "percentage_of"));
    Label title = robot.lookup("#capability-title").queryAs(Label.class);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> "percentage_of v2 · active".equals(title.getText()));
    assertThat(area(robot, "#capability-code").getText()).isEqualTo(CODE_V2);

    robot.clickOn("Tests");
    assertThat(area(robot, "#capability-tests").getText()).isEqualTo(TESTS);

    robot.clickOn("Versions");
    assertThat(area(robot, "#capability-diff").getText())
        .contains("--- version 1")
        .contains("-    return value * percent / 100")
        .contains("+    return round(value * percent / 100, 2)");

    robot.clickOn("Test Runs");
    TableView<?> runs = robot.lookup("#capability-test-runs").queryTableView();
    assertThat(runs.getItems()).hasSize(4);

    // The README's screenshot: the version diff of a searched capability.
    robot.clickOn("Versions");
    WaitForAsyncUtils.waitForFxEvents();
    Stage browser =
        javafx.stage.Window.getWindows().stream()
            .filter(w -> w instanceof Stage s && "Capabilities".equals(s.getTitle()))
            .map(w -> (Stage) w)
            .findFirst()
            .orElseThrow();
    javafx.scene.image.WritableImage snapshot =
        WaitForAsyncUtils.asyncFx(() -> browser.getScene().snapshot(null))
            .get(10, TimeUnit.SECONDS);
    java.awt.image.BufferedImage image =
        javafx.embed.swing.SwingFXUtils.fromFXImage(snapshot, null);
    Path shots = Path.of(System.getProperty("benchwright.screenshotDir", "../docs/screenshots"));
    Path png = java.nio.file.Files.createDirectories(shots).resolve("capabilities-browser.png");
    assertThat(javax.imageio.ImageIO.write(image, "png", png.toFile())).isTrue();
    robot.clickOn("Test Runs");

    robot.clickOn("#capability-toggle");
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> title.getText().contains("· quarantined (set aside by a user)"));
    // Only what is offered is searched: the query finds it no more, its details stay.
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> results.getItems().isEmpty());
    assertThat(robot.lookup("#capability-toggle").queryButton().getText()).isEqualTo("Restore");
    assertThat(project.capabilities().get("percentage_of").orElseThrow().status())
        .isEqualTo(Capabilities.QUARANTINED);

    robot.clickOn("#capability-toggle");
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> "percentage_of v2 · active".equals(title.getText()));
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> results.getItems().size() == 1);

    robot.clickOn("Usage");
    assertThat(robot.lookup("#capability-usage").queryAs(Label.class).getText())
        .startsWith("Found 0 · called 1 · succeeded 1 · failed 0");
    robot.clickOn("run " + user);
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> viewModel.runCursor().run() != null && viewModel.runCursor().run().id() == user);

    dialogs.answerConfirm(true);
    robot.clickOn("#capability-delete");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> results.getItems().isEmpty());
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> title.getText().isEmpty());
    assertThat(dialogs.confirmations()).containsExactly("Delete capability percentage_of?");
    assertThat(project.capabilities().get("percentage_of")).isEmpty();
    assertThat(project.capabilities().get("reverse_text")).isPresent();
    assertThat(robot.lookup("#capabilities-status").queryAs(Label.class).getText())
        .isEqualTo("Deleted percentage_of.");
    assertThat(dialogs.errors()).isEmpty();
  }

  private static void register(
      Project project, String name, String description, String code, boolean revises, Long run) {
    project
        .capabilities()
        .register(
            new Capabilities.NewVersion(
                name,
                revises,
                description,
                "{\"type\": \"object\", \"properties\": {\"percent\": {\"type\": \"number\"},"
                    + " \"value\": {\"type\": \"number\"}}}",
                "{\"type\": \"number\"}",
                "[]",
                code,
                TESTS,
                null,
                null,
                run,
                null,
                run == null ? "written by hand" : null,
                Capabilities.ACTIVE),
            List.of(
                new NewTestRun("red", false, 1, 1, 1, "EXIT", "", 40, run),
                new NewTestRun("green", true, 1, 0, 0, "EXIT", "", 35, run)));
  }

  private static ListCell<?> cell(FxRobot robot, String name) {
    return robot
        .lookup("#capability-results .list-cell")
        .match((ListCell<?> c) -> c.getText() != null && c.getText().startsWith(name + " "))
        .queryAs(ListCell.class);
  }

  private static String cellText(FxRobot robot, String name) {
    return cell(robot, name).getText();
  }

  private static CodeArea area(FxRobot robot, String id) {
    return robot.lookup(id).queryAs(CodeArea.class);
  }
}
