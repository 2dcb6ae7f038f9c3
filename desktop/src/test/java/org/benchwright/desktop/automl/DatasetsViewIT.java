package org.benchwright.desktop.automl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.BarChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.benchwright.desktop.main.MainWindowViewModel;
import org.benchwright.desktop.main.TestWorkbench;
import org.benchwright.desktop.ui.FakeDialogService;
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

/**
 * File ▸ Add Dataset… and View ▸ Datasets… on a real (virtual) screen: files the engine refuses
 * before any sandbox is needed (an empty CSV, a spreadsheet) are told in the error dialog and store
 * nothing; a stored dataset shows its shape, target and reason, columns, class balance, warnings
 * and meta-features. Profiling a real file is the engine's ITs' part.
 */
@ExtendWith(ApplicationExtension.class)
class DatasetsViewIT {

  private TestWorkbench workbench;
  private FakeDialogService dialogs;
  private MainWindowViewModel viewModel;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    workbench = TestWorkbench.window(stage, 2, Duration.ofSeconds(10));
    dialogs = workbench.dialogs();
    viewModel = workbench.viewModel();
  }

  @AfterEach
  void close() throws Exception {
    workbench.close();
  }

  @Test
  void refusedFilesAreToldAndAStoredDatasetShowsItsProfile(FxRobot robot, @TempDir Path dir)
      throws Exception {
    dialogs.answerNewProject(dir.resolve("data.bwproj"));
    robot.clickOn("File").clickOn("New Project…");
    WaitForAsyncUtils.waitFor(
        60, TimeUnit.SECONDS, () -> "Benchwright — data.bwproj".equals(stage.getTitle()));
    Project project = viewModel.project().orElseThrow();

    // An empty file: refused by the engine with its reason, shown in the error dialog.
    dialogs.answerDataset(Files.createFile(dir.resolve("empty.csv")));
    robot.clickOn("File").clickOn("Add Dataset…");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialogs.errors().size() == 1);
    assertThat(dialogs.errors().getFirst().header()).isEqualTo("The dataset could not be added");
    assertThat(dialogs.errors().getFirst().error().getMessage())
        .isEqualTo("empty.csv: the file is empty.");
    assertThat(project.datasets().list()).isEmpty();

    AutoMlFixture.dataset(project, "churn");
    robot.clickOn("View").clickOn("Datasets…");
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> robot.lookup("#datasets-list").tryQuery().isPresent());
    ListView<?> list = robot.lookup("#datasets-list").queryListView();
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> list.getItems().size() == 1);
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> "churn".equals(robot.lookup("#dataset-title").queryLabeled().getText()));
    assertThat(robot.lookup("#dataset-shape").queryLabeled().getText())
        .isEqualTo("7,043 rows · 6 columns · csv · 954.6 KB · churn.csv");
    assertThat(robot.lookup("#dataset-task").queryLabeled().getText())
        .isEqualTo("binary · detected");
    assertThat(robot.lookup("#dataset-reason").queryLabeled().getText())
        .isEqualTo("the last column, categorical with 2 classes");
    @SuppressWarnings("unchecked")
    ComboBox<String> target = robot.lookup("#dataset-target").queryAs(ComboBox.class);
    assertThat(target.getValue()).isEqualTo("churn");
    assertThat(target.getItems()).contains("contract", "tenure");
    TableView<?> columns = robot.lookup("#dataset-columns").queryTableView();
    assertThat(columns.getItems()).hasSize(6);

    Stage window =
        javafx.stage.Window.getWindows().stream()
            .filter(w -> w instanceof Stage s && "Datasets".equals(s.getTitle()))
            .map(w -> (Stage) w)
            .findFirst()
            .orElseThrow();
    Screenshots.save(window.getScene(), "datasets.png");

    BarChart<?, ?> classes = robot.lookup("#dataset-classes").queryAs(BarChart.class);
    assertThat(classes.getData()).hasSize(1);
    assertThat(classes.getData().getFirst().getData()).hasSize(2);
    assertThat(robot.lookup("#dataset-classes-note").queryLabeled().getText())
        .isEqualTo("2 classes");
    assertThat(robot.lookup("#dataset-warnings").queryListView().getItems()).hasSize(2);
    robot.clickOn("Meta-features");
    assertThat(robot.lookup("#dataset-meta").queryTableView().getItems()).hasSize(5);

    // A spreadsheet through the window's own button: refused by its extension, nothing stored.
    dialogs.answerDataset(Files.writeString(dir.resolve("sales.xls"), "a,b\n1,2\n"));
    robot.clickOn("#datasets-add");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialogs.errors().size() == 2);
    assertThat(dialogs.errors().get(1).error().getMessage())
        .startsWith("sales.xls: not a dataset file this tool reads");
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> robot.lookup("#datasets-status").queryLabeled().getText().equals("1 dataset"));
    assertThat(project.datasets().list()).extracting(d -> d.name()).containsExactly("churn");
  }
}
