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
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.benchwright.desktop.editor.CodeEditorView;
import org.benchwright.desktop.editor.CodeEditorViewModel;
import org.benchwright.desktop.experiments.ExperimentsView;
import org.benchwright.desktop.experiments.ExperimentsViewModel;
import org.benchwright.desktop.runs.RunsView;
import org.benchwright.desktop.summary.RunSummaryView;
import org.benchwright.desktop.summary.RunSummaryViewModel;
import org.benchwright.desktop.timeline.CursorBar;
import org.benchwright.desktop.timeline.CursorBarViewModel;
import org.benchwright.desktop.timeline.TimelineView;
import org.benchwright.desktop.timeline.TimelineViewModel;
import org.controlsfx.control.StatusBar;

/**
 * The main window: a menu bar; the runs list on the left, the conversation timeline with the step
 * cursor in the centre, the inspector tabs (code, TODO, 3D, summary) on the right; a status bar.
 * Everything it shows comes from {@link MainWindowViewModel}, bound in {@link #bind()}; every panel
 * follows {@link MainWindowViewModel#runCursor()}.
 */
public final class MainWindow {

  /**
   * The shares of the width at which the split between runs, conversation and inspector starts: the
   * inspector (code, TODO, 3D) gets the most, a little under half (issue 18).
   */
  static final double[] DIVIDERS = {0.3, 0.56};

  private final Stage stage;
  private final MainWindowViewModel viewModel;
  private final WindowPlacementStore placements;
  // The window's bounds when last neither maximized, minimized nor full screen: what is saved.
  private WindowPlacement normal;
  private boolean tracking;

  private final MenuItem newProject = new MenuItem("New Project…");
  private final MenuItem openProject = new MenuItem("Open Project…");
  private final MenuItem closeProject = new MenuItem("Close Project");
  private final MenuItem exportData = new MenuItem("Export Training Data…");
  private final MenuItem projectSettings = new MenuItem("Project Settings…");
  private final MenuItem addDataset = new MenuItem("Add Dataset…");
  private final MenuItem quit = new MenuItem("Quit");
  private RunsView runsView; // made with the panels, after the first frame
  private final StackPane runsBody = new StackPane();
  private final StackPane timelineBody = new StackPane();
  private final StackPane inspectorBody = new StackPane();
  // The panels go into their panes one pulse after the window's first frame (see show()).
  private final java.util.List<Runnable> attachPanels = new java.util.ArrayList<>();
  private boolean panelsAttached;
  private final TabPane inspector = new TabPane();
  private final Tab codeTab = tab("code-tab", "Code");
  private final Tab todoTab = tab("todo-tab", "TODO");
  private final Tab viewerTab = tab("viewer-tab", "3D");
  private final Tab summaryTab = tab("summary-tab", "Summary");
  private final Tab experimentsTab = tab("experiments-tab", "Experiments");
  private final Tab leaderboardTab = tab("leaderboard-tab", "Leaderboard");
  private final MenuItem skills = new MenuItem("Skills…");
  private final MenuItem capabilities = new MenuItem("Capabilities…");
  private final MenuItem datasets = new MenuItem("Datasets…");
  // Made with the panels, after the first frame: ControlsFX's first control costs ~70 ms here.
  private StatusBar statusBar;
  private final StackPane statusBody = new StackPane();
  private final java.util.List<Node> statusItems = new java.util.ArrayList<>();
  private final Label versions = new Label();
  private final BorderPane root = new BorderPane();
  private final MenuBar menuBar = new MenuBar();
  private final VBox top = new VBox(menuBar);
  private Menu fileMenu;

  /** The app's window: its placement is remembered in the user's config folder. */
  public MainWindow(Stage stage, MainWindowViewModel viewModel) {
    this(
        stage,
        viewModel,
        WindowPlacementStore.file(
            org.benchwright.desktop.project.UserDirs.fromSystem().windowFile()));
  }

  /** With the window's placement remembered in {@code placements} (tests: never the user's). */
  public MainWindow(Stage stage, MainWindowViewModel viewModel, WindowPlacementStore placements) {
    this.stage = stage;
    this.viewModel = viewModel;
    this.placements = placements;
    layout();
    bind();
  }

  /**
   * Puts the window on screen where it was when the app last closed, or, the first time (or when
   * that screen has gone), at a size that fits the primary screen, centred ({@link
   * WindowPlacement#place}).
   */
  public void show() {
    WindowPlacement placement =
        WindowPlacement.place(
            javafx.stage.Screen.getScreens().stream()
                .sorted(
                    java.util.Comparator.comparing(
                        s -> s.equals(javafx.stage.Screen.getPrimary()) ? 0 : 1))
                .map(javafx.stage.Screen::getVisualBounds)
                .toList(),
            placements.load().orElse(null));
    // The scene starts at the window's size, so the split's shares apply at the width the window
    // opens at (the decorations, if any, then take a few pixels from the conversation).
    Scene scene = new Scene(root, placement.width(), placement.height());
    scene.getStylesheets().add(MainWindow.class.getResource("main-window.css").toExternalForm());
    stage.setScene(scene);
    stage.setMinWidth(WindowPlacement.MIN_WIDTH);
    stage.setMinHeight(WindowPlacement.MIN_HEIGHT);
    place(placement);
    trackPlacement();
    stage.show();
    attachPanelsAfterFirstFrame(scene);
  }

  private static final double STATUS_HEIGHT = 26;

  private void attachStatusBar() {
    statusBar = new StatusBar();
    statusBar.setId("status-bar");
    statusBar.textProperty().bind(viewModel.statusTextProperty());
    statusBar
        .progressProperty()
        .bind(Bindings.when(viewModel.busyProperty()).then(-1.0).otherwise(0.0));
    statusBar.getRightItems().setAll(statusItems);
    statusBody.getChildren().setAll(statusBar);
  }

  /**
   * The window's first frame has its menus, toolbar, pane headers and status bar; the panels (runs
   * table, conversation, the inspector's tabs) go in one pulse later. Their skins and CSS (a table,
   * a virtual list, a code area, a 3D view) are most of the first layout, so this way the window is
   * on screen in about the time a bare stage takes and fills in a fraction of a second later,
   * instead of appearing only when everything is laid out (ADR 0036). The panels and their view
   * models exist from the start; only their nodes wait.
   */
  private void attachPanelsAfterFirstFrame(Scene scene) {
    org.benchwright.desktop.ui.FirstFrame.after(
        scene,
        () ->
            javafx.application.Platform.runLater(
                () -> {
                  panelsAttached = true;
                  attachPanels.forEach(Runnable::run);
                  attachPanels.clear();
                }));
  }

  /** Where the window is now, as the next launch would reopen it. */
  public WindowPlacement placement() {
    WindowPlacement bounds =
        normal != null
            ? normal
            : new WindowPlacement(
                stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
    return new WindowPlacement(
        bounds.x(), bounds.y(), bounds.width(), bounds.height(), stage.isMaximized());
  }

  /** Remembers where the window is, for the next launch (done when it closes or the app quits). */
  public void savePlacement() {
    placements.save(placement());
  }

  private void place(WindowPlacement p) {
    stage.setMaximized(false);
    stage.setX(p.x());
    stage.setY(p.y());
    stage.setWidth(p.width());
    stage.setHeight(p.height());
    normal = new WindowPlacement(p.x(), p.y(), p.width(), p.height(), false);
    stage.setMaximized(p.maximized());
  }

  private void trackPlacement() {
    if (tracking) {
      return;
    }
    tracking = true;
    // A maximize changes the bounds before it sets the flag: read them a moment later, so the
    // bounds remembered are the ones the window returns to.
    javafx.beans.InvalidationListener moved =
        o ->
            Platform.runLater(
                () -> {
                  if (stage.isShowing()
                      && !stage.isMaximized()
                      && !stage.isIconified()
                      && !stage.isFullScreen()) {
                    normal =
                        new WindowPlacement(
                            stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
                  }
                });
    stage.xProperty().addListener(moved);
    stage.yProperty().addListener(moved);
    stage.widthProperty().addListener(moved);
    stage.heightProperty().addListener(moved);
    stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST, e -> savePlacement());
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
            addDataset,
            exportData,
            projectSettings,
            new SeparatorMenuItem(),
            quit);
    menuBar.getMenus().addAll(fileMenu, new Menu("View", null, skills, capabilities, datasets));
    root.setTop(top);

    // Left: the runs of the open project.
    attachPanels.add(
        () -> {
          runsView =
              new RunsView(viewModel.runs(), viewModel.runCursor(), viewModel.runs()::userSelected);
          runsView.setOnCompare(this::compare);
          runsBody.getChildren().setAll(runsView);
        });
    Node runs = pane("runs-pane", "Runs", runsBody);

    // Centre: the selected run's conversation, with the step cursor under it.
    TimelineViewModel timelineModel =
        new TimelineViewModel(viewModel.timelineExecutor(), viewModel.runCursor());
    CursorBarViewModel cursorModel = new CursorBarViewModel(viewModel.runCursor());
    // "Fork from here…" on an event: the fork form, over this window (issue 17). Hidden while
    // another process writes the project: a fork is a write.
    java.util.function.LongConsumer forkHere =
        seq ->
            viewModel
                .forkViewModel(seq)
                .ifPresent(vm -> new org.benchwright.desktop.fork.ForkDialog(stage, vm).show());
    timelineModel
        .forkActionProperty()
        .bind(
            Bindings.when(viewModel.readOnlyProperty())
                .then((java.util.function.LongConsumer) null)
                .otherwise(forkHere));
    VBox timeline = (VBox) pane("timeline-pane", "Conversation", timelineBody);
    attachPanels.add(
        () -> {
          timelineBody.getChildren().setAll(new TimelineView(timelineModel));
          timeline.getChildren().add(new CursorBar(cursorModel));
        });

    // Right: what the run looked like at the cursor's step, one tab per panel. Each panel is a
    // self-contained component built from viewModel.runCursor() and viewModel.uiExecutor();
    // plugging one in replaces its placeholder line below.
    CodeEditorViewModel code =
        new CodeEditorViewModel(viewModel.runCursor(), viewModel.uiExecutor());
    attachPanels.add(() -> codeTab.setContent(new CodeEditorView(code).node()));
    todoTab.setContent(placeholderBody("todo-placeholder", "The TODO list at the cursor's step"));
    org.benchwright.desktop.viewer.ViewerViewModel viewer =
        new org.benchwright.desktop.viewer.ViewerViewModel(
            viewModel.runCursor(), viewModel.uiExecutor(), viewModel.sceneCompiler());
    attachPanels.add(
        () -> viewerTab.setContent(new org.benchwright.desktop.viewer.ViewerPane(viewer)));
    RunSummaryViewModel summary =
        new RunSummaryViewModel(viewModel.runCursor(), viewModel.uiExecutor());
    attachPanels.add(() -> summaryTab.setContent(new RunSummaryView(summary).node()));
    inspector.setId("inspector-tabs");
    inspector.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    inspector.getTabs().setAll(codeTab, todoTab, viewerTab, summaryTab);
    // Experiments: only for experiment-loop runs (issue 13, ADR 0029). A row opened there shows
    // its diff in the Code tab; a double click brings that tab forward.
    ExperimentsViewModel experiments =
        new ExperimentsViewModel(viewModel.runCursor(), viewModel.uiExecutor(), code::showDiff);
    attachPanels.add(
        () ->
            experimentsTab.setContent(
                new ExperimentsView(
                        experiments, () -> inspector.getSelectionModel().select(codeTab))
                    .node()));
    experiments
        .applicableProperty()
        .addListener(
            (obs, was, now) -> {
              if (now && !inspector.getTabs().contains(experimentsTab)) {
                inspector.getTabs().add(experimentsTab);
              } else if (!now) {
                inspector.getTabs().remove(experimentsTab);
              }
            });
    // Leaderboard: only for automl runs and runs that trained candidates. A row's files open in
    // the Code tab at its event, brought forward.
    org.benchwright.desktop.automl.LeaderboardViewModel leaderboard =
        new org.benchwright.desktop.automl.LeaderboardViewModel(
            viewModel.runCursor(),
            viewModel.uiExecutor(),
            path -> {
              code.select(path);
              inspector.getSelectionModel().select(codeTab);
            });
    attachPanels.add(
        () ->
            leaderboardTab.setContent(
                new org.benchwright.desktop.automl.LeaderboardView(leaderboard).node()));
    leaderboard
        .applicableProperty()
        .addListener(
            (obs, was, now) -> {
              if (now && !inspector.getTabs().contains(leaderboardTab)) {
                inspector.getTabs().add(leaderboardTab);
              } else if (!now) {
                inspector.getTabs().remove(leaderboardTab);
              }
            });
    inspectorBody.setMinWidth(200);
    attachPanels.add(() -> inspectorBody.getChildren().setAll(inspector));

    SplitPane centre = new SplitPane(runs, timeline, inspectorBody);
    centre.setOrientation(Orientation.HORIZONTAL);
    centre.setDividerPositions(DIVIDERS);
    // Growing the window widens the conversation, not the side panes.
    SplitPane.setResizableWithParent(runs, false);
    SplitPane.setResizableWithParent(inspectorBody, false);
    root.setCenter(centre);

    statusBody.setId("status-body");
    statusBody.setMinHeight(STATUS_HEIGHT);
    attachPanels.add(this::attachStatusBar);
    versions.setId("versions");
    statusItems.add(versions);
    root.setBottom(statusBody);
  }

  private void bind() {
    stage.titleProperty().bind(viewModel.titleProperty());
    versions.setText(viewModel.versionsText());

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
    projectSettings
        .disableProperty()
        .bind(
            viewModel
                .busyProperty()
                .or(viewModel.projectPathProperty().isNull())
                .or(viewModel.readOnlyProperty()));
    projectSettings.setOnAction(
        e ->
            viewModel
                .settingsViewModel()
                .ifPresent(
                    vm -> new org.benchwright.desktop.settings.SettingsDialog(stage, vm).show()));
    skills.disableProperty().bind(viewModel.projectPathProperty().isNull());
    skills.setOnAction(
        e ->
            viewModel
                .skillsViewModel(viewModel::selectRun)
                .ifPresent(
                    vm -> {
                      new org.benchwright.desktop.skills.SkillsBrowser(stage, vm).show();
                      vm.search();
                    }));
    capabilities.disableProperty().bind(viewModel.projectPathProperty().isNull());
    capabilities.setOnAction(
        e ->
            viewModel
                .capabilitiesViewModel(viewModel::selectRun)
                .ifPresent(
                    vm -> {
                      new org.benchwright.desktop.capabilities.CapabilitiesBrowser(stage, vm)
                          .show();
                      vm.search();
                    }));
    addDataset
        .disableProperty()
        .bind(
            viewModel
                .busyProperty()
                .or(viewModel.projectPathProperty().isNull())
                .or(viewModel.readOnlyProperty()));
    // Adding opens the Datasets window on the new dataset; a refusal is only the error dialog.
    addDataset.setOnAction(
        e ->
            viewModel
                .datasetsViewModel()
                .ifPresent(
                    vm -> {
                      org.benchwright.desktop.automl.DatasetsWindow[] window = {null};
                      vm.addedProperty()
                          .addListener(
                              (obs, was, now) -> {
                                if (now != null && window[0] == null) {
                                  window[0] =
                                      new org.benchwright.desktop.automl.DatasetsWindow(stage, vm);
                                  window[0].show();
                                }
                              });
                      vm.longWorkProperty()
                          .addListener(
                              (obs, was, work) -> {
                                if (work != null && window[0] == null) {
                                  new org.benchwright.desktop.ui.ProgressDialog(stage, work).show();
                                }
                              });
                      vm.addChosen();
                    }));
    datasets.disableProperty().bind(viewModel.projectPathProperty().isNull());
    datasets.setOnAction(
        e ->
            viewModel
                .datasetsViewModel()
                .ifPresent(
                    vm -> {
                      new org.benchwright.desktop.automl.DatasetsWindow(stage, vm).show();
                      vm.refresh();
                    }));
    viewModel
        .longWorkProperty()
        .addListener(
            (obs, before, work) -> {
              if (work != null) {
                new org.benchwright.desktop.ui.ProgressDialog(stage, work).show();
              }
            });
    // Platform.exit runs Application.stop, which closes the project and the executor.
    quit.setOnAction(
        e -> {
          savePlacement();
          Platform.exit();
        });
  }

  /**
   * Run ▸ Compare…: the run selected in the runs list against one picked from the others (the
   * live-run features put it in their Run menu).
   */
  public MenuItem compareMenuItem() {
    MenuItem item = new MenuItem("Compare…");
    item.setId("run-compare");
    item.disableProperty().bind(viewModel.runCursor().runProperty().isNull());
    item.setOnAction(
        e -> {
          if (runsView != null) {
            runsView.compareWithChosen();
          }
        });
    return item;
  }

  /** Opens the Compare window of two runs. */
  public void compare(
      org.benchwright.engine.project.RunInfo a, org.benchwright.engine.project.RunInfo b) {
    viewModel
        .compareViewModel(a, b)
        .ifPresent(vm -> new org.benchwright.desktop.fork.CompareWindow(stage, vm).show());
  }

  /** Adds a menu item to File right after Open Project… (e.g. Open Recent). */
  public void addAfterOpenProject(MenuItem item) {
    fileMenu.getItems().add(fileMenu.getItems().indexOf(openProject) + 1, item);
  }

  /** Fills the TODO tab; decisions on a pending plan go to {@code decider}. */
  public void showTodoPanel(org.benchwright.desktop.todo.GateDecider decider) {
    org.benchwright.desktop.todo.TodoPanelViewModel todo =
        new org.benchwright.desktop.todo.TodoPanelViewModel(
            viewModel.runCursor(), viewModel.uiExecutor(), decider);
    Runnable attach =
        () -> todoTab.setContent(new org.benchwright.desktop.todo.TodoPanelView(todo).node());
    if (panelsAttached) {
      attach.run();
    } else {
      attachPanels.add(attach);
    }
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
    statusItems.addAll(0, java.util.List.of(items));
    if (statusBar != null) {
      statusBar.getRightItems().addAll(0, java.util.List.of(items));
    }
  }

  private static Tab tab(String id, String text) {
    Tab tab = new Tab(text);
    tab.setId(id);
    return tab;
  }

  private static Node pane(String id, String heading, StackPane body) {
    Label header = new Label(heading);
    header.getStyleClass().add("pane-header");
    header.setMaxWidth(Double.MAX_VALUE);
    body.getStyleClass().add("pane-body");
    VBox.setVgrow(body, Priority.ALWAYS);
    VBox pane = new VBox(header, body);
    pane.setId(id);
    pane.setMinWidth(160);
    return pane;
  }

  private static StackPane placeholderBody(String id, String text) {
    Label label = placeholderLabel(id);
    label.setText(text);
    StackPane body = new StackPane(label);
    body.getStyleClass().add("pane-body");
    return body;
  }

  private static Label placeholderLabel(String id) {
    Label label = new Label();
    label.setId(id);
    label.getStyleClass().add("placeholder");
    label.setWrapText(true);
    return label;
  }
}
