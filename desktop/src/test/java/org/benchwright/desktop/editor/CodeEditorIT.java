package org.benchwright.desktop.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.stage.Stage;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.FxUiExecutor;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.testsupport.Poll;
import org.benchwright.testsupport.fx.Screenshots;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The code editor in a window over a real project file, following a real cursor. */
@ExtendWith(ApplicationExtension.class)
class CodeEditorIT {

  private static final Duration WAIT = Duration.ofSeconds(15);

  static final String ROBOT_V1 =
      "<mujoco model=\"arm\">\n  <worldbody>\n    <geom type=\"plane\" size=\"5 5 0.1\"/>\n"
          + "  </worldbody>\n</mujoco>\n";
  static final String ROBOT_V2 =
      "<mujoco model=\"arm\">\n  <!-- a ramp for the ball -->\n  <worldbody>\n"
          + "    <geom type=\"plane\" size=\"5 5 0.1\"/>\n"
          + "    <geom name=\"ramp\" type=\"box\" size=\"1 0.5 0.05\" euler=\"0 15 0\"/>\n"
          + "  </worldbody>\n</mujoco>\n";
  static final String PART_V1 = "module ramp() {\n  cube([10, 5, 1]);\n}\nramp();\n";
  static final String PART_V2 =
      "// tilted 15 degrees\nmodule ramp(a = 15) {\n  rotate([0, a, 0]) cube([10, 5, 1]);\n}\n"
          + "ramp($fn = 32);\n";
  static final String SIM =
      "import mujoco\n\n\ndef settle(model, steps=500):\n    \"\"\"Let the ball roll.\"\"\"\n"
          + "    data = mujoco.MjData(model)\n    for _ in range(steps):  # fixed step\n"
          + "        mujoco.mj_step(model, data)\n    return data.qpos[:3]\n";

  @TempDir static Path dir;

  private final RunCursor cursor = new RunCursor();
  private FxUiExecutor executor;
  private Project project;
  private CodeEditorViewModel viewModel;
  private CodeEditorView view;
  private Stage stage;
  private long robotV1;
  private long partV1;
  private long sim;
  private long robotV2;
  private long partV2;
  private long image;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    project = Project.create(dir.resolve("editor-" + System.nanoTime() + ".bwproj"));
    RunInfo run = project.runs().create(new NewRun("benchmark-generator", "ramp", "{}"));
    robotV1 = write(run, "scene/robot.xml", ROBOT_V1);
    partV1 = write(run, "cad/part.scad", PART_V1);
    sim = write(run, "sim/settle.py", SIM);
    robotV2 = write(run, "scene/robot.xml", ROBOT_V2);
    partV2 = write(run, "cad/part.scad", PART_V2);
    image =
        project
            .files()
            .write(run.id(), "coder", "out/render.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0});
    executor = new FxUiExecutor(2, Duration.ofSeconds(5));
    cursor.select(project, run, project.events().lastSeq(run.id()));
    viewModel = new CodeEditorViewModel(cursor, executor);
    view = new CodeEditorView(viewModel);
    stage.setScene(new Scene(new javafx.scene.layout.StackPane(view.node()), 1000, 560));
    // The primary stage is shared by the ITs of this JVM: one before may have maximized it.
    stage.setMaximized(false);
    stage.sizeToScene();
    stage.show();
  }

  private long write(RunInfo run, String path, String text) {
    return project.files().write(run.id(), "coder", path, text.getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void close() {
    viewModel.dispose();
    executor.close();
    project.close();
  }

  @Test
  void theTreeAndTheEditorFollowTheCursorAndTheDiffShowsTheChange(FxRobot robot) throws Exception {
    Poll.until(WAIT, () -> viewModel.shownStepProperty().get() == image);
    clickFile(robot, "robot.xml");
    CodeArea area = robot.lookup("#code-area").queryAs(CodeArea.class);
    Poll.until(WAIT, () -> ROBOT_V2.equals(area.getText()));
    // Highlighting reached the area: a tag name, an attribute and a comment are styled.
    assertThat(styleAt(area, ROBOT_V2.indexOf("mujoco"))).contains("tag");
    assertThat(styleAt(area, ROBOT_V2.indexOf("model"))).contains("attribute");
    assertThat(styleAt(area, ROBOT_V2.indexOf("a ramp"))).contains("comment");
    assertThat(treeLabels(robot)).contains("render.png  ●", "robot.xml", "part.scad");
    Screenshots.save(stage.getScene(), "code-editor.png");

    robot.interact(() -> cursor.moveTo(robotV1));
    Poll.until(
        WAIT,
        () -> viewModel.shownStepProperty().get() == robotV1 && ROBOT_V1.equals(area.getText()));
    assertThat(treeLabels(robot)).containsExactly("scene", "robot.xml  ●");

    robot.interact(cursor::next);
    Poll.until(WAIT, () -> viewModel.shownStepProperty().get() == partV1);
    assertThat(treeLabels(robot)).containsExactly("cad", "part.scad  ●", "scene", "robot.xml");
    assertThat(area.getText()).isEqualTo(ROBOT_V1); // still the selected file, still version 1

    robot.interact(() -> cursor.moveTo(robotV2));
    Poll.until(WAIT, () -> ROBOT_V2.equals(area.getText()));
    robot.clickOn("#code-diff");
    Poll.until(WAIT, () -> area.getText().startsWith("--- a/scene/robot.xml"));
    assertThat(area.getText())
        .contains("+  <!-- a ramp for the ball -->")
        .contains("+    <geom name=\"ramp\"")
        .contains("     <geom type=\"plane\"")
        .doesNotContain("\n-");
    int added = area.getText().indexOf("+  <!--");
    assertThat(styleAt(area, added)).contains("diff-added");
    Screenshots.save(stage.getScene(), "code-editor-diff.png");

    robot.interact(cursor::previous); // sim/settle.py written: robot.xml still at version 1
    Poll.until(
        WAIT,
        () -> viewModel.shownStepProperty().get() == sim && area.getText().startsWith("--- /dev"));
    assertThat(area.getText()).startsWith("--- /dev/null").contains("+<mujoco model=\"arm\">");

    robot.clickOn("#code-diff");
    clickFile(robot, "settle.py");
    Poll.until(WAIT, () -> SIM.equals(area.getText()));
    assertThat(area.getParagraphs()).allSatisfy(p -> assertThat(p.getParagraphStyle()).isEmpty());
    assertThat(styleAt(area, SIM.indexOf("def"))).contains("keyword");
    assertThat(styleAt(area, SIM.indexOf("# fixed"))).contains("comment");
  }

  @Test
  void aBinaryFileShowsItsSizeInsteadOfItsBytes(FxRobot robot) {
    Poll.until(WAIT, () -> viewModel.shownStepProperty().get() == image);
    clickFile(robot, "render.png");
    Label notice = robot.lookup("#code-notice").queryAs(Label.class);
    Poll.until(WAIT, () -> notice.isVisible() && "Binary file, 5 bytes".equals(notice.getText()));
    assertThat(robot.lookup("#code-area").queryAs(CodeArea.class).getText()).isEmpty();

    robot.interact(() -> cursor.moveTo(partV2));
    Poll.until(WAIT, () -> viewModel.shownStepProperty().get() == partV2);
    assertThat(viewModel.selectedPathProperty().get()).isNull();
    assertThat(treeLabels(robot)).doesNotContain("render.png", "render.png  ●");
  }

  private static java.util.Collection<String> styleAt(CodeArea area, int position) {
    return area.getStyleOfChar(position);
  }

  @SuppressWarnings("unchecked")
  private static void clickFile(FxRobot robot, String name) {
    TreeCell<FileNode> cell =
        (TreeCell<FileNode>)
            robot
                .lookup(".tree-cell")
                .match(
                    n ->
                        n instanceof TreeCell<?> c
                            && c.getItem() instanceof FileNode f
                            && f.name().equals(name))
                .query();
    robot.clickOn(cell);
  }

  private static java.util.List<String> treeLabels(FxRobot robot) {
    WaitForAsyncUtils.waitForFxEvents();
    return robot.lookup(".tree-cell").queryAllAs(TreeCell.class).stream()
        .filter(c -> c.getItem() != null && c.isVisible())
        .sorted(java.util.Comparator.comparingInt(TreeCell::getIndex))
        .map(TreeCell::getText)
        .toList();
  }
}
