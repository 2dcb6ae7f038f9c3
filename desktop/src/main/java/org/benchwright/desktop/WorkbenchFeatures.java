package org.benchwright.desktop;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToolBar;
import javafx.stage.Window;
import org.benchwright.desktop.health.HealthView;
import org.benchwright.desktop.health.HealthViewModel;
import org.benchwright.desktop.live.LiveRunControls;
import org.benchwright.desktop.live.LiveRunsViewModel;
import org.benchwright.desktop.main.MainWindow;
import org.benchwright.desktop.main.MainWindowViewModel;
import org.benchwright.desktop.project.DesktopSettings;
import org.benchwright.desktop.project.OpenRecentMenu;
import org.benchwright.desktop.project.ProjectHistoryViewModel;
import org.benchwright.desktop.project.UserDirs;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.DialogService;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.live.LiveRuns;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.model.ProviderHealth;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.DockerHealth;

/**
 * Recent projects and the first-launch demo, live runs and status bar health, wired to one main
 * window (the run summary is a tab of the window itself). The app and the UI tests build it the
 * same way.
 */
public final class WorkbenchFeatures implements AutoCloseable {

  private final ProjectHistoryViewModel history;
  private final LiveRunsViewModel live;
  private final HealthViewModel health;
  private final OpenRecentMenu openRecent;
  private final LiveRunControls controls;
  private final HealthView healthView;

  /**
   * @param liveRuns the engine side of live runs per project, e.g. {@code p -> new LiveRuns(p,
   *     keys)}
   * @param docker the Docker check, e.g. {@code DockerHealth::check}
   */
  public WorkbenchFeatures(
      Window owner,
      MainWindowViewModel main,
      UserDirs dirs,
      ApiKeys keys,
      Function<Project, LiveRuns> liveRuns,
      Supplier<DockerHealth> docker) {
    RunCursor cursor = main.runCursor();
    UiExecutor executor = main.uiExecutor();
    DialogService dialogs = main.dialogs();
    history =
        new ProjectHistoryViewModel(
            dirs, executor, dialogs, main.projectPathProperty(), main::openProject);
    live = new LiveRunsViewModel(cursor, executor, dialogs, liveRuns);
    // A fork made from the timeline goes on (live or as a replay) in the live runtime.
    main.setForkContinuation(live::continueFork);
    main.projectPathProperty()
        .addListener((obs, before, now) -> live.setProject(main.project().orElse(null)));
    // Capability tests share the live runs' sandboxes: a second set for the same project would
    // remove the runs' containers as orphans when it starts.
    main.useCapabilitySandboxes(
        p ->
            live.liveRuns()
                .filter(lr -> lr.project() == p)
                .orElseThrow(() -> new IllegalStateException(notWritable(p)))
                .capabilitySandbox());
    // Datasets are profiled in the same sandboxes, for the same reason.
    main.useMlSandboxes(
        p ->
            live.liveRuns()
                .filter(lr -> lr.project() == p)
                .orElseThrow(() -> new IllegalStateException(notWritable(p)))
                .mlSandbox());
    // The runs list shows a started run at once (the cursor is already on it) and its end.
    live.startedRunProperty().addListener((obs, before, now) -> main.runs().refresh());
    // A project another process writes: its new runs and their ends show as they are committed.
    live.outsideChangesProperty().addListener((obs, before, now) -> main.runs().refresh());
    live.liveProperty()
        .addListener(
            (obs, was, now) -> {
              if (!now) {
                main.runs().refresh();
              }
            });
    health =
        new HealthViewModel(
            executor,
            docker,
            () -> ProviderHealth.check(keys, configuredModel(history.settings())));
    openRecent = new OpenRecentMenu(history);
    controls =
        new LiveRunControls(
            owner,
            live,
            () -> history.settings().model(),
            chosen -> {
              history.rememberModel(chosen);
              health.refreshModel();
            });
    healthView = new HealthView(health);
  }

  /** The production wiring: the user's folders and keys, real Docker and model checks. */
  public static WorkbenchFeatures forApp(Window owner, MainWindowViewModel main) {
    ApiKeys keys = ApiKeys.fromEnvironmentAndUserFile();
    return new WorkbenchFeatures(
        owner, main, UserDirs.fromSystem(), keys, p -> new LiveRuns(p, keys), DockerHealth::check);
  }

  /** Puts the menus, toolbar and status items into the main window. */
  public void install(MainWindow window) {
    window.addAfterOpenProject(openRecent.menu());
    controls.menu().getItems().addAll(new SeparatorMenuItem(), window.compareMenuItem());
    window.addMenu(controls.menu());
    window.addToolBar(controls.toolBar());
    window.addStatusItems(healthView.node());
    // Plan decisions go to the live runtime, which resumes a waiting run that is not live here.
    window.showTodoPanel(live()::decide);
  }

  /** Opens the last project (or the demo on a first launch), checks health, starts polling. */
  public void start() {
    start(new LaunchOptions(false, null));
  }

  /** As {@link #start()}, opening what the command line asks for (a project, or the demo). */
  public void start(LaunchOptions options) {
    live.startPolling();
    health.refresh();
    history.start(options.project(), options.demoWanted(), () -> {});
  }

  /** The model health reports on: the last one chosen for a run, else OpenAI's gpt-4o. */
  static ModelConfig configuredModel(DesktopSettings settings) {
    DesktopSettings.SavedModel m = settings.model();
    if (m == null) {
      return ModelConfig.of("openai", "gpt-4o");
    }
    String baseUrl = m.provider().equals("scripted") ? null : m.baseUrl();
    return new ModelConfig(
        m.provider(),
        m.model() == null ? "" : m.model(),
        baseUrl,
        null,
        null,
        ModelConfig.DEFAULT_TIMEOUT,
        ModelConfig.DEFAULT_MAX_RETRIES);
  }

  public ProjectHistoryViewModel history() {
    return history;
  }

  public LiveRunsViewModel live() {
    return live;
  }

  public HealthViewModel health() {
    return health;
  }

  public LiveRunControls controls() {
    return controls;
  }

  public Menu openRecentMenu() {
    return openRecent.menu();
  }

  public ToolBar runToolBar() {
    return controls.toolBar();
  }

  public Node healthStatus() {
    return healthView.node();
  }

  private static String notWritable(Project p) {
    return p.isReadOnly()
        ? p.file().getFileName() + " is read-only here: another process writes it."
        : p.file().getFileName() + " is not open any more.";
  }

  /** Cancels live runs (waiting up to {@code grace}) and stops polling. */
  public void close(Duration grace) {
    live.close(grace);
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }
}
