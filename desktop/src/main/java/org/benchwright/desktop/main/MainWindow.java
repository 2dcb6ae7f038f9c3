package org.benchwright.desktop.main;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;

/**
 * The main window: a menu bar, the runs / conversation / code panes, and a status bar. Everything
 * it shows comes from {@link MainWindowViewModel}, bound in {@link #bind()}.
 */
public final class MainWindow {

  static final double WIDTH = 1280;
  static final double HEIGHT = 800;

  private final Stage stage;
  private final MainWindowViewModel viewModel;

  private final MenuItem newProject = new MenuItem("New Project…");
  private final MenuItem openProject = new MenuItem("Open Project…");
  private final MenuItem closeProject = new MenuItem("Close Project");
  private final MenuItem exportData = new MenuItem("Export Training Data…");
  private final MenuItem quit = new MenuItem("Quit");
  private final Label runsPlaceholder = placeholderLabel("runs-placeholder");
  private final StatusBar statusBar = new StatusBar();
  private final Label versions = new Label();
  private final BorderPane root = new BorderPane();
  private final MenuBar menuBar = new MenuBar();
  private final VBox top = new VBox(menuBar);
  private Menu fileMenu;

  public MainWindow(Stage stage, MainWindowViewModel viewModel) {
    this.stage = stage;
    this.viewModel = viewModel;
    layout();
    bind();
  }

  /** Puts the window on screen. */
  public void show() {
    Scene scene = new Scene(root, WIDTH, HEIGHT);
    scene.getStylesheets().add(MainWindow.class.getResource("main-window.css").toExternalForm());
    stage.setScene(scene);
    stage.setMinWidth(800);
    stage.setMinHeight(500);
    stage.show();
  }

  private void layout() {
    newProject.setAccelerator(KeyCombination.keyCombination("Shortcut+N"));
    openProject.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
    closeProject.setAccelerator(KeyCombination.keyCombination("Shortcut+W"));
    quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
    fileMenu =
        new Menu(
            "File",
            null,
            newProject,
            openProject,
            closeProject,
            new SeparatorMenuItem(),
            exportData,
            new SeparatorMenuItem(),
            quit);
    menuBar.getMenus().add(fileMenu);
    root.setTop(top);

    Label conversation = placeholderLabel("conversation-placeholder");
    conversation.setText("Select a run to follow its conversation");
    Label editor = placeholderLabel("editor-placeholder");
    editor.setText("The selected run's files and TODO list appear here");
    Node runs = pane("runs-pane", "Runs", runsPlaceholder);
    Node code = pane("editor-pane", "Code & TODO", editor);
    SplitPane centre =
        new SplitPane(runs, pane("conversation-pane", "Conversation", conversation), code);
    centre.setOrientation(Orientation.HORIZONTAL);
    centre.setDividerPositions(0.25, 0.68);
    // Growing the window widens the conversation, not the side panes.
    SplitPane.setResizableWithParent(runs, false);
    SplitPane.setResizableWithParent(code, false);
    root.setCenter(centre);

    statusBar.setId("status-bar");
    versions.setId("versions");
    statusBar.getRightItems().add(versions);
    root.setBottom(statusBar);
  }

  private void bind() {
    stage.titleProperty().bind(viewModel.titleProperty());
    statusBar.textProperty().bind(viewModel.statusTextProperty());
    statusBar
        .progressProperty()
        .bind(Bindings.when(viewModel.busyProperty()).then(-1.0).otherwise(0.0));
    versions.setText(viewModel.versionsText());
    runsPlaceholder
        .textProperty()
        .bind(
            Bindings.when(viewModel.projectPathProperty().isNull())
                .then("No project open — File ▸ New or Open")
                .otherwise("No runs yet"));

    newProject.disableProperty().bind(viewModel.busyProperty());
    openProject.disableProperty().bind(viewModel.busyProperty());
    closeProject
        .disableProperty()
        .bind(viewModel.busyProperty().or(viewModel.projectPathProperty().isNull()));
    newProject.setOnAction(e -> viewModel.newProject());
    openProject.setOnAction(e -> viewModel.openProject());
    closeProject.setOnAction(e -> viewModel.closeProject());
    exportData
        .disableProperty()
        .bind(viewModel.busyProperty().or(viewModel.projectPathProperty().isNull()));
    exportData.setOnAction(
        e ->
            viewModel
                .exportViewModel()
                .ifPresent(
                    vm -> new org.benchwright.desktop.export.ExportDialog(stage, vm).show()));
    viewModel
        .longWorkProperty()
        .addListener(
            (obs, before, work) -> {
              if (work != null) {
                new org.benchwright.desktop.ui.ProgressDialog(stage, work).show();
              }
            });
    // Platform.exit runs Application.stop, which closes the project and the executor.
    quit.setOnAction(e -> Platform.exit());
  }

  /** Adds a menu item to File right after Open Project… (e.g. Open Recent). */
  public void addAfterOpenProject(MenuItem item) {
    fileMenu.getItems().add(fileMenu.getItems().indexOf(openProject) + 1, item);
  }

  /** Adds a menu after File (e.g. Run). */
  public void addMenu(Menu menu) {
    menuBar.getMenus().add(menu);
  }

  /** Adds a bar under the menu bar (e.g. the run toolbar). */
  public void addToolBar(Node bar) {
    top.getChildren().add(bar);
  }

  /** Adds items to the left of the status bar's right side (e.g. Docker and model health). */
  public void addStatusItems(Node... items) {
    statusBar.getRightItems().addAll(0, java.util.List.of(items));
  }

  private static Node pane(String id, String heading, Label placeholder) {
    Label header = new Label(heading);
    header.getStyleClass().add("pane-header");
    header.setMaxWidth(Double.MAX_VALUE);
    StackPane body = new StackPane(placeholder);
    body.getStyleClass().add("pane-body");
    VBox.setVgrow(body, Priority.ALWAYS);
    VBox pane = new VBox(header, body);
    pane.setId(id);
    pane.setMinWidth(160);
    return pane;
  }

  private static Label placeholderLabel(String id) {
    Label label = new Label();
    label.setId(id);
    label.getStyleClass().add("placeholder");
    label.setWrapText(true);
    return label;
  }
}
