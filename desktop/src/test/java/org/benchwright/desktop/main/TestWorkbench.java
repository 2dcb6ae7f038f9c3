package org.benchwright.desktop.main;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.benchwright.desktop.WorkbenchFeatures;
import org.benchwright.desktop.project.UserDirs;
import org.benchwright.desktop.ui.FakeDialogService;
import org.benchwright.desktop.ui.FxUiExecutor;
import org.benchwright.engine.live.LiveRuns;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.sandbox.DockerHealth;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real main window on a TestFX stage, with only the dialogs stubbed: what the UI tests of the
 * whole window start from. Opened on the FX thread (in a {@code @Start} method), closed from the
 * test thread.
 */
public final class TestWorkbench implements AutoCloseable {

  private final Stage stage;
  private final FakeDialogService dialogs = new FakeDialogService();
  private final FxUiExecutor executor;
  private final MainWindowViewModel viewModel;
  private final MainWindow window;
  private WorkbenchFeatures features;

  private TestWorkbench(
      Stage stage, int workers, Duration shutdownGrace, WindowPlacementStore placements) {
    this.stage = stage;
    executor = new FxUiExecutor(workers, shutdownGrace);
    viewModel = new MainWindowViewModel(executor, dialogs);
    window = new MainWindow(stage, viewModel, placements);
  }

  /**
   * The main window alone: menus, runs list, timeline and tabs, no health checks or live runs. It
   * opens where a first launch opens it and remembers its placement nowhere.
   */
  public static TestWorkbench window(Stage stage, int workers, Duration shutdownGrace) {
    return window(stage, workers, shutdownGrace, WindowPlacementStore.inMemory());
  }

  /**
   * As {@link #window(Stage, int, Duration)}, with the window's placement kept in {@code store}.
   */
  public static TestWorkbench window(
      Stage stage, int workers, Duration shutdownGrace, WindowPlacementStore store) {
    TestWorkbench w = new TestWorkbench(stage, workers, shutdownGrace, store);
    w.window.show();
    return w;
  }

  /**
   * The main window with the workbench's features installed and started, as the app runs it, with
   * the user's folders, keys and Docker check given by the test.
   */
  public static TestWorkbench withFeatures(
      Stage stage, int workers, UserDirs dirs, ApiKeys keys, Supplier<DockerHealth> docker) {
    TestWorkbench w =
        new TestWorkbench(
            stage, workers, Duration.ofSeconds(5), WindowPlacementStore.file(dirs.windowFile()));
    w.features =
        new WorkbenchFeatures(stage, w.viewModel, dirs, keys, p -> new LiveRuns(p, keys), docker);
    w.features.install(w.window);
    // TestFX reuses one stage across test classes: show() places and sizes it as the app does.
    w.window.show();
    w.features.start();
    return w;
  }

  public Stage stage() {
    return stage;
  }

  public FakeDialogService dialogs() {
    return dialogs;
  }

  public MainWindow window() {
    return window;
  }

  public MainWindowViewModel viewModel() {
    return viewModel;
  }

  /** The installed features; only for a workbench made {@link #withFeatures}. */
  public WorkbenchFeatures features() {
    if (features == null) {
      throw new IllegalStateException("a TestWorkbench.window has no features");
    }
    return features;
  }

  @Override
  public void close() throws Exception {
    WaitForAsyncUtils.asyncFx(
            () -> {
              if (features != null) {
                features.close(Duration.ofSeconds(5));
              }
              viewModel.close();
              // Detach the window's content so its timers (the runs list's refresh) stop.
              stage.getScene().setRoot(new Pane());
            })
        .get(20, TimeUnit.SECONDS);
    executor.close();
  }
}
