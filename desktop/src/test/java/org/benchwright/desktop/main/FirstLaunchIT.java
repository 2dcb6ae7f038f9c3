package org.benchwright.desktop.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.SubScene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.benchwright.desktop.project.UserDirs;
import org.benchwright.desktop.runs.RunRow;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.project.RunInfo;
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
 * A new user's first launch (issue 18), as the app starts: empty user folders, the demo project
 * opened. The window fits the screen, the newest run is shown, the runs table cuts no text but the
 * task's, and the 3D view gets a good share of the width. Run under {@code xvfb-run -s "-screen 0
 * 1600x1000x24"} for the screen; it holds on any screen of at least 1280×800.
 */
@ExtendWith(ApplicationExtension.class)
class FirstLaunchIT {

  @TempDir Path home;

  private TestWorkbench workbench;
  private MainWindowViewModel main;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    UserDirs dirs = new UserDirs(home.resolve("config"), home.resolve("data"));
    workbench =
        TestWorkbench.withFeatures(
            stage,
            1,
            dirs,
            ApiKeys.of(Map.of(), home.resolve("no-keys.properties")),
            () ->
                new DockerHealth(
                    DockerHealth.State.ENGINE_UNREACHABLE, "Docker: not running", "Start it."));
    main = workbench.viewModel();
  }

  @AfterEach
  void closeEverything() throws Exception {
    workbench.close();
  }

  @Test
  void theFirstWindowFitsTheScreenShowsTheNewestRunAndCutsNoColumn(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> "Benchwright — demo.bwproj".equals(stage.getTitle()));
    TableView<RunRow> table = robot.lookup("#runs-table").queryAs(TableView.class);
    List<RunInfo> runs = main.project().orElseThrow().runs().list();
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == runs.size());

    // The window: fitted to the primary screen, centred, wholly on it.
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    Rectangle2D window =
        new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
    assertThat(window).isEqualTo(WindowPlacement.place(List.of(screen), null).bounds());
    assertThat(screen.contains(window)).as("%s on %s", window, screen).isTrue();
    assertThat(window.getWidth()).isGreaterThanOrEqualTo(0.85 * screen.getWidth());
    assertThat(window.getHeight())
        .isGreaterThanOrEqualTo(Math.min(0.85 * screen.getHeight(), WindowPlacement.MAX_HEIGHT));

    // The newest run is selected, in the table and in every panel, without a click.
    RunInfo newest = runs.stream().max(Comparator.comparingLong(RunInfo::id)).orElseThrow();
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> main.runCursor().run() != null && main.runCursor().run().id() == newest.id());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(table.getSelectionModel().getSelectedItem().id()).isEqualTo(newest.id());
    assertThat(table.getItems().getFirst().id()).isEqualTo(newest.id());
    robot.clickOn("Summary");
    Label outcome = robot.lookup("#summary-outcome").queryAs(Label.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !outcome.getText().isBlank());
    assertThat(robot.lookup((Node n) -> n instanceof Label l && isSelectARun(l)).tryQuery())
        .as("no panel asks for a run")
        .isEmpty();

    // The runs table: no header and no cell but the task's shows less than its text.
    WaitForAsyncUtils.waitForFxEvents();
    List<Label> headers =
        table.lookupAll(".column-header .label").stream()
            .map(Label.class::cast)
            .filter(Node::isVisible)
            .toList();
    assertThat(headers)
        .extracting(Label::getText)
        .containsExactly("Workflow", "Task", "Status", "Model", "Tokens", "Cost", "Duration");
    headers.forEach(h -> assertThat(shown(h)).as("header %s", h.getText()).isEqualTo(h.getText()));
    List<TableCell<?, ?>> cells =
        table.lookupAll(".table-row-cell .table-cell").stream()
            .<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n)
            .filter(c -> c.isVisible() && c.getText() != null && !c.getText().isEmpty())
            .toList();
    assertThat(cells).hasSizeGreaterThanOrEqualTo(runs.size() * 6);
    for (TableCell<?, ?> cell : cells) {
      if (!"runs-task-column".equals(cell.getTableColumn().getId())) {
        Text full = new Text(cell.getText());
        full.setFont(cell.getFont());
        assertThat(shown(cell))
            .as(
                "cell of %s (column %s wide, cell %s, text %s in %s)",
                cell.getTableColumn().getText(),
                cell.getTableColumn().getWidth(),
                cell.getWidth(),
                full.getLayoutBounds().getWidth(),
                cell.getFont())
            .isEqualTo(cell.getText());
        assertThat(cell.getTableColumn().getWidth())
            .isGreaterThanOrEqualTo(full.getLayoutBounds().getWidth());
      }
    }

    // The inspector with the 3D view gets at least 40 % of the window, the viewer most of it.
    TabPane inspector = robot.lookup("#inspector-tabs").queryAs(TabPane.class);
    robot.interact(
        () ->
            inspector.getTabs().stream()
                .filter(t -> "viewer-tab".equals(t.getId()))
                .findFirst()
                .ifPresent(t -> inspector.getSelectionModel().select(t)));
    WaitForAsyncUtils.waitForFxEvents();
    double sceneWidth = stage.getScene().getWidth();
    assertThat(inspector.getWidth() / sceneWidth).isGreaterThanOrEqualTo(0.4);
    SubScene view = robot.lookup("#viewer-3d").queryAs(SubScene.class);
    Bounds viewer = view.localToScene(view.getBoundsInLocal());
    assertThat(viewer.getWidth() / sceneWidth).isGreaterThanOrEqualTo(0.38);
    assertThat(viewer.getHeight()).isGreaterThanOrEqualTo(0.45 * stage.getScene().getHeight());

    Screenshots.save(Screenshots.of(stage.getScene()), "first-launch.png");
  }

  /** What a label draws: its text, or less when it is cut ("Workf…"). */
  private static String shown(javafx.scene.control.Labeled labeled) {
    return labeled.lookupAll(".text").stream()
        .filter(n -> n instanceof Text && n.getParent() == labeled)
        .map(n -> ((Text) n).getText())
        .findFirst()
        .orElse("");
  }

  private static boolean isSelectARun(Label l) {
    return l.isVisible()
        && l.getScene() != null
        && l.getText() != null
        && l.getText().startsWith("Select a run");
  }
}
