package org.benchwright.desktop.main;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.runs.RunsViewModel;
import org.benchwright.desktop.ui.DialogService;
import org.benchwright.desktop.ui.LongWork;
import org.benchwright.desktop.ui.UiExecutor;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.ProjectException;
import org.benchwright.engine.project.ProjectFiles;
import org.benchwright.engine.project.RunInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of the main window: which project is open, and what the title and status bar say about
 * it. Holds the open {@link Project} and closes it when another one replaces it.
 *
 * <p>Called on the FX thread; the engine work it starts runs on the {@link UiExecutor}.
 */
public final class MainWindowViewModel implements AutoCloseable {

  // Looked up when first needed, not with the class: this class is used on the FX thread before
  // the first frame, and the first logger sets up logging (ADR 0036).
  private static Logger log() {
    return LoggerFactory.getLogger(MainWindowViewModel.class);
  }

  static final String APP_NAME = "Benchwright";
  static final String NO_PROJECT = "No project open";

  private final UiExecutor executor;
  private final UiExecutor timelineExecutor;
  private final DialogService dialogs;

  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(APP_NAME);
  private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(NO_PROJECT);
  private final ReadOnlyObjectWrapper<Path> projectPath = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
  // Who writes the open project when this window only reads it (null when this window writes).
  private final ReadOnlyStringWrapper writer = new ReadOnlyStringWrapper();
  private final ReadOnlyBooleanWrapper readOnly = new ReadOnlyBooleanWrapper();
  private final ReadOnlyObjectWrapper<LongWork> longWork = new ReadOnlyObjectWrapper<>();
  private final RunCursor runCursor = new RunCursor();
  private final RunsViewModel runs;
  // Counts run selections, so a slow lastSeq read for an earlier selection is dropped.
  private long selection;

  private Project project;

  /**
   * MuJoCo for the 3D viewer, in a sandbox of its own started on the first scene opened (no project
   * needed: files open from disk too); closed with the window.
   */
  private final org.benchwright.engine.mjcf.SceneCompiler sceneCompiler =
      org.benchwright.engine.mjcf.SceneCompiler.overDocker(
          "viewer-" + ProcessHandle.current().pid());

  // Where View ▸ Capabilities re-runs tests; asked on the worker. WorkbenchFeatures gives the live
  // runs' sandboxes: a window without them (UI tests of the window alone) has none.
  private volatile java.util.function.Function<
          Project, org.benchwright.engine.capabilities.CapabilitySandbox>
      capabilitySandboxes =
          p -> {
            throw new IllegalStateException(
                "This window has no sandboxes to run capability tests in.");
          };

  // Where datasets are profiled (File ▸ Add Dataset…, a target override); asked on the worker,
  // when the harness first runs. WorkbenchFeatures gives the live runs' sandboxes, as above.
  private volatile java.util.function.Function<Project, org.benchwright.engine.automl.MlSandbox>
      mlSandboxes =
          p -> {
            throw new IllegalStateException("This window has no sandboxes to profile datasets in.");
          };

  // Read by background work: a project opened after the window closed must be closed at once.
  private volatile boolean closed;

  public MainWindowViewModel(UiExecutor executor, DialogService dialogs) {
    this(executor, executor, dialogs);
  }

  /**
   * With a worker of its own for the timeline's page reads: opening a run then draws its first page
   * without waiting behind the other panels' reads (files, plan, scene, summary) on {@code
   * executor}. Reads only; a read overtaken by a closed project is dropped as stale.
   */
  public MainWindowViewModel(
      UiExecutor executor, UiExecutor timelineExecutor, DialogService dialogs) {
    this.executor = Objects.requireNonNull(executor);
    this.timelineExecutor = Objects.requireNonNull(timelineExecutor);
    this.dialogs = Objects.requireNonNull(dialogs);
    this.runs = new RunsViewModel(executor, runCursor, this::selectRun);
  }

  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusTextProperty() {
    return statusText.getReadOnlyProperty();
  }

  /** The open project's file, or null when none is open. */
  public ReadOnlyObjectProperty<Path> projectPathProperty() {
    return projectPath.getReadOnlyProperty();
  }

  /**
   * True while the open project is only read here, because another process (e.g. {@code benchwright
   * serve}) holds its writer lock: its runs are shown as they are recorded, and everything that
   * would write is disabled.
   */
  public ReadOnlyBooleanProperty readOnlyProperty() {
    return readOnly.getReadOnlyProperty();
  }

  /** Who holds the open project's writer lock while this window reads it; null otherwise. */
  public ReadOnlyStringProperty writerProperty() {
    return writer.getReadOnlyProperty();
  }

  /** True while a project is being created or opened. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /**
   * Long work the window should show with progress and a cancel (a project being updated to the
   * current format while it opens); null when there is none. See ADR 0023.
   */
  public ReadOnlyObjectProperty<LongWork> longWorkProperty() {
    return longWork.getReadOnlyProperty();
  }

  /**
   * The run being inspected and the step the cursor is on, shared by every panel of the window
   * (timeline, code, TODO, viewer, summary). Panels listen to it; only the runs list selects runs.
   */
  public RunCursor runCursor() {
    return runCursor;
  }

  /**
   * The runs list of the open project. Call {@code runs().refresh()} after starting or changing a
   * run so the list shows it at once (it also polls every few seconds).
   */
  public RunsViewModel runs() {
    return runs;
  }

  /** The executor panels use for engine work (the same one the window uses). */
  /** The viewer's MuJoCo compiler; this view model closes it. */
  public org.benchwright.engine.mjcf.SceneCompiler sceneCompiler() {
    return sceneCompiler;
  }

  public UiExecutor uiExecutor() {
    return executor;
  }

  /** The worker the timeline reads its pages on (the UI worker unless the app gave it its own). */
  public UiExecutor timelineExecutor() {
    return timelineExecutor;
  }

  // How a fork made in this window goes on: the live runtime when the workbench's features are
  // installed; without them a fork can only be left paused.
  private org.benchwright.desktop.fork.ForkContinuation forkContinuation =
      org.benchwright.desktop.fork.ForkContinuation.NONE;

  /** Where "Continue live" and "Replay" of a new fork go (the live runs of the open project). */
  public void setForkContinuation(org.benchwright.desktop.fork.ForkContinuation continuation) {
    this.forkContinuation = Objects.requireNonNull(continuation);
  }

  /**
   * The "Fork from here…" form for step {@code seq} of the cursor's run; the fork it makes is
   * selected in the runs list.
   */
  public java.util.Optional<org.benchwright.desktop.fork.ForkViewModel> forkViewModel(long seq) {
    Project p = runCursor.project();
    RunInfo run = runCursor.run();
    if (p == null || run == null || p != project) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new org.benchwright.desktop.fork.ForkViewModel(
            p,
            run,
            seq,
            executor,
            forkContinuation,
            runs::showCreated,
            System.getProperty("user.name", "user")));
  }

  /** The comparison of two runs of the open project. */
  public java.util.Optional<org.benchwright.desktop.fork.CompareViewModel> compareViewModel(
      RunInfo a, RunInfo b) {
    Project p = project;
    if (p == null || a == null || b == null || a.id() == b.id()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new org.benchwright.desktop.fork.CompareViewModel(p, a.id(), b.id(), executor));
  }

  /** The dialogs panels show errors and choosers through. */
  public DialogService dialogs() {
    return dialogs;
  }

  /**
   * Selects a run of the open project in the {@link #runCursor()}, with the cursor on its last
   * step; null deselects. The last step is read off the FX thread.
   */
  public void selectRun(RunInfo run) {
    long ticket = ++selection;
    Project owner = project;
    if (run == null || owner == null) {
      runCursor.clear();
      return;
    }
    executor.execute(
        () -> owner.events().lastSeq(run.id()),
        last -> {
          if (ticket == selection && owner == project) {
            runCursor.select(owner, run, last);
          }
        },
        error -> {
          if (ticket == selection) {
            log().warn("Cannot read run {}", run.id(), error);
            dialogs.showError("Cannot open run " + run.id(), error);
          }
        });
  }

  /** Selects the run with this id (a skill's origin run, say); an id the project lacks is told. */
  public void selectRun(long runId) {
    Project owner = project;
    if (owner == null) {
      return;
    }
    executor.execute(
        () -> owner.runs().find(runId),
        found -> {
          if (owner != project) {
            return;
          }
          found.ifPresentOrElse(
              this::selectRun,
              () ->
                  dialogs.showError(
                      "Cannot open run " + runId,
                      new IllegalArgumentException("This project has no run " + runId + ".")));
        },
        error -> dialogs.showError("Cannot open run " + runId, error));
  }

  /** The open project, for feature view models (export, runs) that work on it. */
  public java.util.Optional<Project> project() {
    return java.util.Optional.ofNullable(project);
  }

  /** A view model for the skills browser over the open project, if one is open. */
  public java.util.Optional<org.benchwright.desktop.skills.SkillsViewModel> skillsViewModel(
      java.util.function.LongConsumer openRun) {
    return project()
        .map(
            p ->
                new org.benchwright.desktop.skills.SkillsViewModel(
                    org.benchwright.engine.skills.SkillLibrary.of(p), executor, openRun));
  }

  /**
   * A view model for the capabilities browser over the open project, if one is open; its tests
   * re-run in what {@link #useCapabilitySandboxes} gave.
   */
  public java.util.Optional<org.benchwright.desktop.capabilities.CapabilitiesViewModel>
      capabilitiesViewModel(java.util.function.LongConsumer openRun) {
    var sandboxes = capabilitySandboxes;
    return project()
        .map(
            p ->
                new org.benchwright.desktop.capabilities.CapabilitiesViewModel(
                    p,
                    org.benchwright.engine.capabilities.CapabilityRegistry.of(p),
                    executor,
                    dialogs,
                    openRun,
                    () -> sandboxes.apply(p)));
  }

  /** Where capability tests re-run, for the project they belong to. */
  public void useCapabilitySandboxes(
      java.util.function.Function<Project, org.benchwright.engine.capabilities.CapabilitySandbox>
          sandboxes) {
    capabilitySandboxes = Objects.requireNonNull(sandboxes);
  }

  /**
   * A view model for the datasets of the open project, if one is open; datasets are profiled in
   * what {@link #useMlSandboxes} gave, looked up only when the harness runs (a file refused by its
   * name or size needs no sandbox).
   */
  public java.util.Optional<org.benchwright.desktop.automl.DatasetsViewModel> datasetsViewModel() {
    var sandboxes = mlSandboxes;
    return project()
        .map(
            p ->
                new org.benchwright.desktop.automl.DatasetsViewModel(
                    p,
                    executor,
                    dialogs,
                    org.benchwright.desktop.automl.DatasetsViewModel.Importer.of(
                        p,
                        (inputs, command, timeout, fetch, into) ->
                            sandboxes.apply(p).run(inputs, command, timeout, fetch, into))));
  }

  /** Where datasets are profiled, for the project they belong to. */
  public void useMlSandboxes(
      java.util.function.Function<Project, org.benchwright.engine.automl.MlSandbox> sandboxes) {
    mlSandboxes = Objects.requireNonNull(sandboxes);
  }

  /** A view model for the export dialog over the open project, if one is open. */
  public java.util.Optional<org.benchwright.desktop.export.ExportViewModel> exportViewModel() {
    return project()
        .map(p -> new org.benchwright.desktop.export.ExportViewModel(p, executor, dialogs));
  }

  /** A view model for the project settings dialog over the open project, if one is open. */
  public java.util.Optional<org.benchwright.desktop.settings.SettingsViewModel>
      settingsViewModel() {
    return project()
        .map(
            p ->
                org.benchwright.desktop.settings.SettingsViewModel.forProject(
                    p, executor, dialogs));
  }

  /** The runtime versions, for bug reports and screenshots. */
  public String versionsText() {
    return "Java "
        + System.getProperty("java.version")
        + " · JavaFX "
        + System.getProperty("javafx.runtime.version", "?");
  }

  /** Asks where to create a project, then creates and opens it. */
  public void newProject() {
    dialogs.chooseNewProjectFile().ifPresent(this::newProject);
  }

  /** Asks which project to open, then opens it. */
  public void openProject() {
    dialogs.chooseProjectToOpen().ifPresent(this::openProject);
  }

  /** Creates a project file (adding the extension if the name lacks it) and opens it. */
  public void newProject(Path file) {
    Path target =
        file.getFileName().toString().endsWith(Project.EXTENSION)
            ? file
            : file.resolveSibling(file.getFileName() + Project.EXTENSION);
    load(target, (f, abandoned) -> Project.create(f), "Creating", "Cannot create the project");
  }

  public void openProject(Path file) {
    Path target = file.toAbsolutePath().normalize();
    if (project != null && project.file().equals(target)) {
      return; // already open; opening it again would collide with our own writer lock
    }
    load(target, this::openUpdatingIfNeeded, "Opening", "Cannot open the project");
  }

  /**
   * Opens a project; if it was written by an older Benchwright, first shows that it is being
   * updated (a backup copy, then the update), with a cancel that abandons the open. Runs on the
   * worker; the update itself is never interrupted (ADR 0023).
   */
  private Project openUpdatingIfNeeded(Path file, AtomicBoolean abandoned) {
    OptionalInt version = ProjectFiles.schemaVersion(file);
    int current = ProjectFiles.currentSchemaVersion();
    if (version.isPresent() && version.getAsInt() < current) {
      executor.post(
          () -> {
            if (abandoned.get() || closed) {
              return;
            }
            LongWork work =
                new LongWork(
                    "Updating " + file.getFileName(),
                    "This project was written by an older Benchwright (format "
                        + version.getAsInt()
                        + "). Writing a backup copy beside it, then updating it to format "
                        + current
                        + "…",
                    "Cancel stops waiting: the update finishes safely in the background (the"
                        + " backup stays beside the file), and the project is not opened.",
                    () -> abandon(file, abandoned));
            longWork.set(work);
          });
    }
    try {
      return Project.open(file);
    } catch (ProjectException.Locked e) {
      // The one-writer rule: another process writes it, so this window reads and says who writes.
      Project reader = Project.openReadOnly(file);
      lockHolder = e.holder();
      return reader;
    }
  }

  // Set by the worker that opened the project read-only, read when it is shown (same hand-off as
  // the opened project itself).
  private volatile String lockHolder;

  private void abandon(Path file, AtomicBoolean abandoned) {
    abandoned.set(true);
    longWork.set(null);
    busy.set(false);
    showState();
    statusText.set("Opening " + file.getFileName() + " was cancelled");
  }

  public void closeProject() {
    if (project == null) {
      return;
    }
    Project old = project;
    project = null;
    showState();
    closeInBackground(old);
  }

  /** Closes the open project now, on the calling thread: the application is stopping. */
  @Override
  public void close() {
    closed = true;
    sceneCompiler.close();
    runCursor.clear();
    runs.setProject(null);
    if (project != null) {
      project.close();
      project = null;
    }
  }

  private void load(
      Path file,
      BiFunction<Path, AtomicBoolean, Project> loader,
      String progress,
      String failureHeader) {
    busy.set(true);
    statusText.set(progress + " " + file + "…");
    AtomicBoolean abandoned = new AtomicBoolean();
    executor.execute(
        () -> {
          Project opened = loader.apply(file, abandoned);
          if (closed || abandoned.get()) {
            opened.close();
            throw new CancellationException("Opening " + file + " was abandoned");
          }
          return opened;
        },
        opened -> {
          endLongWork();
          replaceProject(opened);
        },
        error -> {
          endLongWork();
          if (closed || abandoned.get()) {
            return; // nobody is waiting for it any more
          }
          busy.set(false);
          showState();
          log().warn("{}: {}", failureHeader, file, error);
          dialogs.showError(failureHeader, error);
        });
  }

  private void endLongWork() {
    LongWork work = longWork.get();
    if (work != null) {
      work.finish();
      longWork.set(null);
    }
  }

  private void replaceProject(Project opened) {
    Project old = project;
    project = opened;
    busy.set(false);
    showState();
    if (old != null) {
      closeInBackground(old);
    }
  }

  private void showState() {
    if (runCursor.project() != null && runCursor.project() != project) {
      selection++;
      runCursor.clear(); // the cursor's run belonged to the project that just closed
    }
    Path file = project == null ? null : project.file();
    boolean reader = project != null && project.isReadOnly();
    readOnly.set(reader);
    writer.set(reader ? (lockHolder == null ? "another process" : lockHolder) : null);
    runs.setProject(project);
    projectPath.set(file);
    title.set(
        file == null
            ? APP_NAME
            : APP_NAME + " — " + file.getFileName() + (reader ? " (read-only)" : ""));
    statusText.set(
        file == null
            ? NO_PROJECT
            : reader
                ? "Read-only: another process writes this project (its runs show as they are"
                    + " recorded); stop it and open the project again to run here. Writer: "
                    + writer.get()
                : file.toString());
  }

  private void closeInBackground(Project old) {
    executor.execute(
        () -> {
          old.close();
          return null;
        },
        ignored -> {},
        error -> log().warn("Closing {} failed", old.file(), error));
  }
}
