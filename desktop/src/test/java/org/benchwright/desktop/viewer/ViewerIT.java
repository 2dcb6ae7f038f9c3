package org.benchwright.desktop.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.geometry.Point3D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.benchwright.bench.BinaryStl;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.FxUiExecutor;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The viewer in a real window under Xvfb with JavaFX 3D on Mesa (-Dprism.forceGPU=true), showing
 * scenes from a real project file; assertions read the rendered pixels.
 */
@ExtendWith(ApplicationExtension.class)
class ViewerIT {

  static final String SCENE =
      """
      <mujoco>
        <asset><material name="ground" rgba="0.55 0.55 0.55 1"/></asset>
        <worldbody>
          <light pos="0 0 3"/>
          <geom name="floor" type="plane" size="0 0 0.1" material="ground"/>
          <body name="payload" pos="0 0 0.1">
            <freejoint/>
            <geom name="box" type="box" size="0.1 0.1 0.1" rgba="0.9 0.05 0.05 1"/>
          </body>
          <geom name="zone_goal" type="box" pos="0.45 0.3 0.1" size="0.12 0.12 0.1"
                contype="0" conaffinity="0"/>
        </worldbody>
      </mujoco>
      """;

  @TempDir Path dir;
  private final RunCursor cursor = new RunCursor();
  private FxUiExecutor executor;
  private ViewerViewModel viewModel;
  private ViewerPane pane;
  private Stage stage;
  private Project project;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    executor = new FxUiExecutor(1, Duration.ofSeconds(5));
    viewModel = new ViewerViewModel(cursor, executor);
    pane = new ViewerPane(viewModel);
    stage.setScene(new Scene(pane, 900, 700));
    stage.show();
  }

  @AfterEach
  void close() throws Exception {
    WaitForAsyncUtils.asyncFx(cursor::clear).get(10, TimeUnit.SECONDS);
    executor.close();
    if (project != null) {
      project.close();
    }
  }

  private void showRunWith(String xml) throws Exception {
    project = Project.create(dir.resolve("viewer.bwproj"));
    RunInfo run = project.runs().create(new NewRun("benchmark-generator", "drop", "{}"));
    long seq =
        project.files().write(run.id(), "coder", "scene.xml", xml.getBytes(StandardCharsets.UTF_8));
    WaitForAsyncUtils.asyncFx(() -> cursor.select(project, run, seq)).get(10, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> viewModel.sceneProperty().get() != null);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private BufferedImage snapshot() throws Exception {
    WritableImage image =
        WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(20, TimeUnit.SECONDS);
    return SwingFXUtils.fromFXImage(image, null);
  }

  /** Where a point of a node in the 3D scene lands in the window (through the camera). */
  private Point2D onScreen(String id, double x, double y, double z) throws Exception {
    return WaitForAsyncUtils.asyncFx(
            () -> {
              Node n = pane.nodes().root.lookup("#" + id);
              Point3D p = n.localToScene(new Point3D(x, y, z), true);
              return new Point2D(p.getX(), p.getY());
            })
        .get(10, TimeUnit.SECONDS);
  }

  private static int[] rgb(BufferedImage image, Point2D p) {
    int c = image.getRGB((int) Math.round(p.getX()), (int) Math.round(p.getY()));
    return new int[] {(c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff};
  }

  private static String describe(int[] c) {
    return "rgb(" + c[0] + ", " + c[1] + ", " + c[2] + ")";
  }

  @Test
  void rendersTheRedBoxOnTheGreyPlaneWithTheGoalZoneTintedGreen() throws Exception {
    showRunWith(SCENE);
    BufferedImage image = snapshot();

    // The box's top face centre, the goal zone's centre, the floor in front of the box.
    int[] box = rgb(image, onScreen("geom-box", 0, 0, 0.1));
    int[] goal = rgb(image, onScreen("zone-zone_goal", 0, 0, 0));
    int[] floor = rgb(image, onScreen("geom-floor", -0.3, -0.3, 0));
    Point2D corner =
        WaitForAsyncUtils.asyncFx(() -> pane.view().localToScene(4, 4)).get(10, TimeUnit.SECONDS);
    int[] background = rgb(image, corner);

    assertThat(box[0]).as("box %s is red", describe(box)).isGreaterThan(150);
    assertThat(box[1]).as("box %s is red", describe(box)).isLessThan(70);
    assertThat(box[2]).as("box %s is red", describe(box)).isLessThan(70);
    assertThat(goal[1])
        .as("goal zone %s is tinted green over the grey floor", describe(goal))
        .isGreaterThan(goal[0] + 25)
        .isGreaterThan(goal[2] + 25);
    // Translucent: the grey floor shows through, where an opaque (0.1, 0.85, 0.2) would leave
    // red and blue near zero.
    assertThat(goal[0]).as("goal zone %s lets the floor through", describe(goal)).isGreaterThan(50);
    assertThat(Math.abs(floor[0] - floor[1]))
        .as("floor %s is grey", describe(floor))
        .isLessThan(12);
    assertThat(Math.abs(floor[1] - floor[2]))
        .as("floor %s is grey", describe(floor))
        .isLessThan(12);
    assertThat(floor[0]).as("floor %s is lit", describe(floor)).isGreaterThan(60);
    assertThat(background)
        .as("background %s", describe(background))
        .containsExactly(
            (int) Math.round(ViewerPane.BACKGROUND.getRed() * 255),
            (int) Math.round(ViewerPane.BACKGROUND.getGreen() * 255),
            (int) Math.round(ViewerPane.BACKGROUND.getBlue() * 255));
    // Lights and joints are never drawn by any viewer: not listed.
    assertThat(viewModel.notes()).isEmpty();

    Path shots = Path.of(System.getProperty("benchwright.screenshotDir", "../docs/screenshots"));
    Path png = Files.createDirectories(shots).resolve("viewer.png");
    assertThat(ImageIO.write(image, "png", png.toFile())).isTrue();
  }

  @Test
  void theAxesButtonDrawsTheWorldAxesAndTakesThemAwayAgain(FxRobot robot) throws Exception {
    showRunWith(SCENE);
    BufferedImage without = view3d();

    robot.clickOn("#viewer-axes");
    WaitForAsyncUtils.waitForFxEvents();
    BufferedImage with = view3d();
    assertThat(pane.view().getRoot().lookup("#viewer-axes-gizmo")).isNotNull();
    assertThat(differingPixels(without, with)).as("the axes change the picture").isGreaterThan(50);

    robot.clickOn("#viewer-axes");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(pane.view().getRoot().lookup("#viewer-axes-gizmo")).isNull();
    BufferedImage after = view3d();
    assertThat(differingPixels(with, after)).as("taking them away redraws").isGreaterThan(50);
    assertThat(differingPixels(without, after)).as("and leaves the picture as it was").isZero();
  }

  /** The 3D view alone: the toolbar's pressed buttons must not count as drawing. */
  private BufferedImage view3d() throws Exception {
    WritableImage image =
        WaitForAsyncUtils.asyncFx(() -> pane.view().snapshot(null, null)).get(20, TimeUnit.SECONDS);
    return SwingFXUtils.fromFXImage(image, null);
  }

  private static long differingPixels(BufferedImage a, BufferedImage b) {
    long n = 0;
    for (int y = 0; y < Math.min(a.getHeight(), b.getHeight()); y++) {
      for (int x = 0; x < Math.min(a.getWidth(), b.getWidth()); x++) {
        if (a.getRGB(x, y) != b.getRGB(x, y)) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void aMalformedSceneFromDiskShowsWhereItIsWrongAndKeepsTheSceneOnScreen(FxRobot robot)
      throws Exception {
    showRunWith(SCENE);
    Path broken = Files.writeString(dir.resolve("broken.xml"), "<mujoco>\n<worldbody>\n</mujoco>");

    WaitForAsyncUtils.asyncFx(() -> viewModel.openFile(broken)).get(10, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> !viewModel.errorProperty().get().isEmpty());
    WaitForAsyncUtils.waitForFxEvents();

    Label error = robot.lookup("#viewer-error").queryAs(Label.class);
    assertThat(error.isVisible()).isTrue();
    assertThat(error.getText())
        .startsWith("Cannot open broken.xml: broken.xml, line 3: malformed XML:");
    assertThat(robot.lookup("#viewer-status").queryAs(Label.class).getText())
        .isEqualTo("scene.xml at step 1");
    int[] box = rgb(snapshot(), onScreen("geom-box", 0, 0, 0.1));
    assertThat(box[0]).as("the box %s is still drawn", describe(box)).isGreaterThan(150);
  }

  @Test
  void aTruncatedStlFromDiskIsRefusedClearlyAndTheSceneStays(FxRobot robot) throws Exception {
    showRunWith(SCENE);
    Path cube = dir.resolve("cube.stl");
    BinaryStl.writeCube(cube);
    Path cut =
        Files.write(dir.resolve("cut.stl"), java.util.Arrays.copyOf(Files.readAllBytes(cube), 334));

    WaitForAsyncUtils.asyncFx(() -> viewModel.openFile(cut)).get(10, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> !viewModel.errorProperty().get().isEmpty());
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(robot.lookup("#viewer-error").queryAs(Label.class).getText())
        .isEqualTo(
            "Cannot open cut.stl: cut.stl: truncated binary STL: header says 12 triangles, the"
                + " file holds 5");
    int[] box = rgb(snapshot(), onScreen("geom-box", 0, 0, 0.1));
    assertThat(box[0]).as("the box %s is still drawn", describe(box)).isGreaterThan(150);
  }

  @Test
  void aMeshOfTheRunIsDrawnScaledWhereTheSceneSays() throws Exception {
    Path cube = dir.resolve("cube.stl");
    BinaryStl.writeCube(cube); // 10 × 10 × 10 units from the origin
    project = Project.create(dir.resolve("mesh.bwproj"));
    RunInfo run = project.runs().create(new NewRun("benchmark-generator", "mesh", "{}"));
    project.files().write(run.id(), "coder", "gen/meshes/block.stl", Files.readAllBytes(cube));
    long seq =
        project
            .files()
            .write(
                run.id(),
                "coder",
                "gen/scene.xml",
                """
                <mujoco>
                  <compiler meshdir="meshes"/>
                  <asset><mesh file="block.stl" scale="0.02 0.02 0.02"/></asset>
                  <worldbody>
                    <geom name="floor" type="plane" size="1 1 0.1"/>
                    <geom name="block" type="mesh" mesh="block" pos="-0.1 -0.1 0" rgba="0.1 0.2 0.95 1"/>
                  </worldbody>
                </mujoco>
                """
                    .getBytes(StandardCharsets.UTF_8));
    WaitForAsyncUtils.asyncFx(() -> cursor.select(project, run, seq)).get(10, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> viewModel.sceneProperty().get() != null);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(viewModel.errorProperty().get()).isEmpty();
    assertThat(viewModel.notes()).isEmpty();
    // The top face's centre: mesh units (5, 5, 10), i.e. (0, 0, 0.2) m in the world.
    Point2D top = onScreen("geom-block", 5, 5, 10);
    int[] c = rgb(snapshot(), top);
    assertThat(c[2]).as("the mesh %s is blue", describe(c)).isGreaterThan(c[0] + 60);
    Point3D world =
        WaitForAsyncUtils.asyncFx(
                () -> pane.nodes().root.lookup("#geom-block").localToScene(new Point3D(5, 5, 10)))
            .get(10, TimeUnit.SECONDS);
    assertThat(world.getZ()).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void posePlaybackMovesTheBody() throws Exception {
    showRunWith(SCENE);
    Path poses =
        Files.writeString(
            dir.resolve("check.json"),
            """
            {"poses":{"every":100,"truncated":false,"bodies":["payload"],
             "frames":[{"t":0,"pos":[[0,0,0.1]],"quat":[[1,0,0,0]]},
                       {"t":0.2,"pos":[[-0.4,-0.2,0.1]],"quat":[[1,0,0,0]]}]}}
            """);
    Point2D before = onScreen("geom-box", 0, 0, 0);

    WaitForAsyncUtils.asyncFx(() -> viewModel.openFile(poses)).get(10, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> viewModel.posesProperty().get() != null);
    WaitForAsyncUtils.asyncFx(() -> viewModel.seek(1)).get(10, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();

    Point2D after = onScreen("geom-box", 0, 0, 0);
    assertThat(after.distance(before)).isGreaterThan(40);
    int[] moved = rgb(snapshot(), onScreen("geom-box", 0, 0, 0.1));
    assertThat(moved[0])
        .as("the moved box %s is drawn where it went", describe(moved))
        .isGreaterThan(150);
  }
}
