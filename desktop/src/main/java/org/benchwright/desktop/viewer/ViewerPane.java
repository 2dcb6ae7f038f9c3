package org.benchwright.desktop.viewer;

import java.io.File;
import java.util.Map;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import org.benchwright.engine.mjcf.Pose;

/**
 * The 3D viewer: a toolbar (which run file, Open File…, Fit), the scene in a depth-buffered,
 * antialiased SubScene, a playback bar for poses, and below them the load error and the list of
 * what is not drawn. Everything shown comes from {@link ViewerViewModel}; this class only turns its
 * scene into nodes (on the FX thread) and applies body poses as frames change.
 */
public final class ViewerPane extends BorderPane {

  static final Color BACKGROUND = Color.rgb(46, 52, 64);

  private final ViewerViewModel viewModel;
  private final Group world = new Group();
  private final OrbitCamera camera = new OrbitCamera();
  private final SubScene view;
  private final Label empty = new Label();
  private final Label error = new Label();
  private final javafx.scene.control.ToggleButton axesToggle =
      new javafx.scene.control.ToggleButton("Axes");
  private SceneNodes nodes;
  private boolean updatingSlider;

  public ViewerPane(ViewerViewModel viewModel) {
    this.viewModel = viewModel;
    setId("viewer");
    getStylesheets().add(ViewerPane.class.getResource("viewer.css").toExternalForm());

    Group root3d = new Group(world, camera.rig);
    view = new SubScene(root3d, 400, 300, true, SceneAntialiasing.BALANCED);
    view.setId("viewer-3d");
    view.setFill(BACKGROUND);
    camera.attach(view);
    Pane holder = new Pane(view);
    holder.setMinSize(100, 100);
    view.widthProperty().bind(holder.widthProperty());
    view.heightProperty().bind(holder.heightProperty());
    empty.setId("viewer-empty");
    empty.getStyleClass().add("viewer-empty");
    empty.textProperty().bind(viewModel.statusProperty());
    empty.visibleProperty().bind(viewModel.sceneProperty().isNull());
    empty.setMouseTransparent(true);
    StackPane centre = new StackPane(holder, empty);
    setCenter(centre);
    setTop(toolbar());
    setBottom(bottom());

    viewModel.sceneProperty().addListener((o, a, b) -> show(b));
    viewModel.frameProperty().addListener((o, a, b) -> applyFrame(b.intValue()));
    show(viewModel.sceneProperty().get());
  }

  /** Fits the camera to the scene (also done on every new scene). */
  public void fitToView() {
    if (nodes != null) {
      camera.fit(nodes.bounds);
    }
  }

  /** The SubScene, for snapshots. */
  SubScene view() {
    return view;
  }

  /** The nodes of the shown scene; null when none. */
  SceneNodes nodes() {
    return nodes;
  }

  private ToolBar toolbar() {
    ComboBox<String> files = new ComboBox<>(viewModel.candidates());
    files.setId("viewer-files");
    files.setPromptText("Run file");
    files.setMaxWidth(260);
    viewModel
        .shownFileProperty()
        .addListener((o, a, b) -> files.getSelectionModel().select(b.isEmpty() ? null : b));
    files.setOnAction(
        e -> {
          String chosen = files.getSelectionModel().getSelectedItem();
          if (chosen != null) {
            viewModel.choose(chosen);
          }
        });
    Button open = new Button("Open File…");
    open.setId("viewer-open");
    open.setOnAction(e -> chooseFile());
    Button fit = new Button("Fit");
    fit.setId("viewer-fit");
    fit.setOnAction(e -> fitToView());
    axesToggle.setId("viewer-axes");
    axesToggle.setOnAction(e -> showAxes());
    Label status = new Label();
    status.setId("viewer-status");
    status.textProperty().bind(viewModel.statusProperty());
    status.setMinWidth(0);
    return new ToolBar(files, open, fit, axesToggle, status);
  }

  private VBox bottom() {
    Button play = new Button();
    play.setId("viewer-play");
    play.textProperty()
        .bind(Bindings.when(viewModel.playingProperty()).then("Pause").otherwise("Play"));
    play.setOnAction(e -> viewModel.togglePlay());
    Slider slider = new Slider(0, 0, 0);
    slider.setId("viewer-slider");
    slider.setBlockIncrement(1);
    HBox.setHgrow(slider, Priority.ALWAYS);
    Label time = new Label();
    time.setId("viewer-time");
    time.textProperty().bind(viewModel.timeTextProperty());
    HBox playback = new HBox(8, play, slider, time);
    playback.setAlignment(Pos.CENTER_LEFT);
    playback.setPadding(new Insets(4, 8, 4, 8));
    playback.disableProperty().bind(viewModel.posesProperty().isNull());
    viewModel
        .posesProperty()
        .addListener(
            (o, a, b) -> {
              updatingSlider = true;
              slider.setMax(b == null ? 0 : b.frames().size() - 1);
              updatingSlider = false;
            });
    viewModel
        .frameProperty()
        .addListener(
            (o, a, b) -> {
              if (b.intValue() >= 0) {
                updatingSlider = true;
                slider.setValue(b.intValue());
                updatingSlider = false;
              }
            });
    slider
        .valueProperty()
        .addListener(
            (o, a, b) -> {
              if (!updatingSlider) {
                viewModel.pause();
                viewModel.seek((int) Math.round(b.doubleValue()));
              }
            });
    AnimationTimer timer =
        new AnimationTimer() {
          private long last = -1;

          @Override
          public void handle(long now) {
            if (last >= 0) {
              viewModel.advance((now - last) / 1e9);
            }
            last = now;
          }

          @Override
          public void stop() {
            super.stop();
            last = -1;
          }
        };
    viewModel
        .playingProperty()
        .addListener(
            (o, a, b) -> {
              if (b) {
                timer.start();
              } else {
                timer.stop();
              }
            });

    error.setId("viewer-error");
    error.getStyleClass().add("viewer-error");
    error.setWrapText(true);
    error.textProperty().bind(viewModel.errorProperty());
    error.managedProperty().bind(error.textProperty().isNotEmpty());
    error.visibleProperty().bind(error.managedProperty());
    Label origin = new Label();
    origin.setId("viewer-origin");
    origin.setWrapText(true);
    origin.setPadding(new Insets(2, 8, 2, 8));
    origin.textProperty().bind(viewModel.originProperty());
    origin.managedProperty().bind(origin.textProperty().isNotEmpty());
    origin.visibleProperty().bind(origin.managedProperty());
    ListView<String> notes = new ListView<>(viewModel.notes());
    notes.setId("viewer-notes");
    notes.setPrefHeight(90);
    notes.setPlaceholder(new Label("Everything in the scene is drawn"));
    return new VBox(playback, error, origin, notes);
  }

  private void chooseFile() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Open Scene or Mesh");
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter(
                "MJCF scenes, meshes, pose reports", "*.xml", "*.stl", "*.obj", "*.json"),
            new FileChooser.ExtensionFilter("All files", "*"));
    File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
    if (file != null) {
      viewModel.openFile(file.toPath());
    }
  }

  private void show(LoadedScene loaded) {
    world.getChildren().clear();
    nodes = null;
    if (loaded == null) {
      return;
    }
    nodes = new SceneNodes(loaded);
    world.getChildren().add(nodes.root);
    showAxes();
    applyFrame(viewModel.frameProperty().get());
    fitToView();
  }

  /**
   * Draws FXyz3D's world axes (x red, y green, z blue) at the origin, sized to the scene, while the
   * Axes button is down: the quickest way to read a z-up MuJoCo scene's orientation.
   */
  private void showAxes() {
    world.getChildren().removeIf(n -> n instanceof org.fxyz3d.scene.Axes);
    if (!axesToggle.isSelected() || nodes == null || nodes.bounds == null) {
      return;
    }
    double extent =
        Math.max(
            nodes.bounds.getWidth(), Math.max(nodes.bounds.getHeight(), nodes.bounds.getDepth()));
    org.fxyz3d.scene.Axes axes = new org.fxyz3d.scene.Axes();
    axes.setId("viewer-axes-gizmo");
    // FXyz3D's axes are 60 units long; a third of the scene reads well at any scale. The scale
    // pivots on the origin (scaleX/Y/Z would pivot on the group's centre and move the axes off).
    double scale = Math.max(extent, 1e-3) / 3 / 60;
    axes.getTransforms().add(new javafx.scene.transform.Scale(scale, scale, scale, 0, 0, 0));
    axes.setMouseTransparent(true);
    world.getChildren().add(axes);
  }

  private void applyFrame(int frame) {
    if (nodes == null || frame < 0) {
      return;
    }
    for (Map.Entry<Integer, Pose> e : viewModel.bodyPoses(frame).entrySet()) {
      nodes.setBodyPose(e.getKey(), e.getValue());
    }
  }
}
