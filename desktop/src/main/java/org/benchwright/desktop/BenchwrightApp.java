package org.benchwright.desktop;

import java.time.Duration;
import javafx.application.Application;
import javafx.stage.Stage;
import org.benchwright.desktop.main.MainWindow;
import org.benchwright.desktop.main.MainWindowViewModel;
import org.benchwright.desktop.ui.DialogService;
import org.benchwright.desktop.ui.FxDialogService;
import org.benchwright.desktop.ui.FxUiExecutor;

/** Wires the services, view models and views of the workbench, and shuts them down in order. */
public final class BenchwrightApp extends Application {

  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  private FxUiExecutor executor;
  private FxUiExecutor timelineExecutor;
  private MainWindowViewModel mainWindow;
  private WorkbenchFeatures features;

  @Override
  public void start(Stage stage) {
    StartupTrace.mark("JavaFX started");
    LaunchOptions options;
    try {
      options = LaunchOptions.parse(getParameters().getRaw());
    } catch (LaunchOptions.UsageException e) {
      // Main answered these before JavaFX started; here only when launched another way.
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    // One worker runs engine calls in submission order, so closing a project always finishes
    // before the same file is opened again.
    executor = new FxUiExecutor(1, SHUTDOWN_GRACE);
    // The timeline's page reads get a worker of their own (ADR 0020): opening a run stays fast
    // however much the other panels read.
    timelineExecutor = new FxUiExecutor(1, SHUTDOWN_GRACE);
    StartupTrace.mark("executors made");
    DialogService dialogs =
        options.smoke()
            ? SmokeCheck.failOnError(new FxDialogService(stage))
            : new FxDialogService(stage);
    StartupTrace.mark("dialogs made");
    mainWindow = new MainWindowViewModel(executor, timelineExecutor, dialogs);
    StartupTrace.mark("view models made");
    MainWindow window = new MainWindow(stage, mainWindow);
    StartupTrace.mark("main window built");
    features = WorkbenchFeatures.forApp(stage, mainWindow);
    features.install(window);
    StartupTrace.mark("features installed");
    window.show();
    StartupTrace.mark("window shown");
    features.start(options);
    afterFirstFrame(
        stage,
        () -> {
          StartupTrace.mark("first frame laid out");
          // Decoding the icon's sizes (~30 ms) waits for the first frame; the window manager
          // takes the icon when it comes.
          javafx.application.Platform.runLater(() -> AppIcon.install(stage));
        });
    if (options.smoke()) {
      SmokeCheck.watch(stage, mainWindow);
    } else if (Boolean.getBoolean(EXIT_WHEN_SHOWN)) {
      exitAfterFirstFrame(stage);
    }
  }

  /**
   * Set by the desktop benchmark: the app prints {@link #SHOWN_MARKER} once the main window has
   * been laid out and drawn, then quits. That is what "cold start to a usable window" measures.
   */
  public static final String EXIT_WHEN_SHOWN = "benchwright.exitWhenShown";

  public static final String SHOWN_MARKER = "benchwright: main window shown";

  static void exitAfterFirstFrame(Stage stage) {
    afterFirstFrame(
        stage,
        () -> {
          System.out.println(SHOWN_MARKER);
          System.out.flush();
          javafx.application.Platform.exit();
        });
  }

  /** Prints {@link #SHOWN_MARKER} once the main window has been laid out and drawn. */
  static void printWhenDrawn(Stage stage) {
    afterFirstFrame(
        stage,
        () -> {
          System.out.println(SHOWN_MARKER);
          System.out.flush();
        });
  }

  private static void afterFirstFrame(Stage stage, Runnable action) {
    org.benchwright.desktop.ui.FirstFrame.after(stage.getScene(), action);
  }

  @Override
  public void stop() {
    // The view model first: it closes the open project, then the executor drains what is queued
    // (including closes the view model handed to it) before the JVM exits.
    try {
      // Live runs first: they record their cancellation in the project before it closes.
      if (features != null) {
        features.close(SHUTDOWN_GRACE);
      }
      if (mainWindow != null) {
        mainWindow.close();
      }
    } finally {
      if (timelineExecutor != null) {
        timelineExecutor.close();
      }
      if (executor != null) {
        executor.close();
      }
    }
  }
}
