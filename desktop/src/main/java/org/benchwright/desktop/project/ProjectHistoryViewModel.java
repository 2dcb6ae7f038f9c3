package org.benchwright.desktop.project;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.benchwright.desktop.ui.DialogService;
import org.benchwright.desktop.ui.UiExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recent projects and the first-launch demo: decides what to open at start, keeps File ▸ Open
 * Recent up to date as projects open and close, and persists it to the user's settings file.
 *
 * <p>Called on the FX thread; file work runs on the {@link UiExecutor}.
 */
public final class ProjectHistoryViewModel {

  // Looked up when first needed, not with the class: this class is used on the FX thread before
  // the first frame, and the first logger sets up logging (ADR 0036).
  private static Logger log() {
    return LoggerFactory.getLogger(ProjectHistoryViewModel.class);
  }

  private final UserDirs dirs;
  private final UiExecutor executor;
  private final DialogService dialogs;
  private final Consumer<Path> opener;
  private final ObservableList<Path> recent = FXCollections.observableArrayList();
  private final ObservableList<Path> recentView = FXCollections.unmodifiableObservableList(recent);
  private DesktopSettings settings = DesktopSettings.empty();

  /**
   * @param openProject the open project's file (null when none), e.g. {@code
   *     MainWindowViewModel.projectPathProperty()}
   * @param opener opens a project file, e.g. {@code MainWindowViewModel::openProject}
   */
  public ProjectHistoryViewModel(
      UserDirs dirs,
      UiExecutor executor,
      DialogService dialogs,
      ReadOnlyObjectProperty<Path> openProject,
      Consumer<Path> opener) {
    this.dirs = Objects.requireNonNull(dirs);
    this.executor = Objects.requireNonNull(executor);
    this.dialogs = Objects.requireNonNull(dialogs);
    this.opener = Objects.requireNonNull(opener);
    openProject.addListener(
        (obs, before, now) -> update(now != null ? settings.opened(now) : settings.closed()));
  }

  /** Recent projects, newest first. */
  public ObservableList<Path> recent() {
    return recentView;
  }

  public DesktopSettings settings() {
    return settings;
  }

  /** Remembers the model chosen for a new run. */
  public void rememberModel(DesktopSettings.SavedModel model) {
    update(settings.withModel(model));
  }

  /**
   * Reads the settings and opens what the start calls for: the last project, or on a first launch
   * the demo project (created from the shipped runs if needed). {@code whenDone} runs on the FX
   * thread once the decision is made (before the project has finished opening).
   */
  public void start(Runnable whenDone) {
    start(null, false, whenDone);
  }

  /**
   * As {@link #start(Runnable)}, but opens {@code requested} (a project named on the command line)
   * if given, or the demo project if {@code demoWanted}.
   */
  public void start(Path requested, boolean demoWanted, Runnable whenDone) {
    executor.execute(
        () -> {
          DesktopSettings.Loaded loaded = DesktopSettings.load(dirs.settingsFile());
          StartupDecision decision =
              StartupDecision.decide(
                  loaded.settings(),
                  dirs.demoProject(),
                  Files::isRegularFile,
                  requested,
                  demoWanted);
          if (decision instanceof StartupDecision.OpenDemo demo) {
            DemoProject.ensure(demo.file());
          }
          return new Object[] {loaded, decision};
        },
        result -> {
          DesktopSettings.Loaded loaded = (DesktopSettings.Loaded) result[0];
          settings = loaded.settings();
          recent.setAll(settings.recent());
          loaded
              .warning()
              .ifPresent(w -> dialogs.showError("Settings were reset", new Exception(w)));
          switch ((StartupDecision) result[1]) {
            case StartupDecision.OpenLast last -> opener.accept(last.file());
            case StartupDecision.OpenDemo demo -> opener.accept(demo.file());
            case StartupDecision.OpenGiven given -> opener.accept(given.file());
            case StartupDecision.OpenNothing nothing -> {
              if (nothing.message() != null && requested != null) {
                dialogs.showError("Project not found", new NoSuchFileException(nothing.message()));
              } else if (nothing.message() != null) {
                update(settings.closed());
                dialogs.showError(
                    "Last project not found", new NoSuchFileException(nothing.message()));
              }
            }
          }
          whenDone.run();
        },
        error -> {
          log().warn("Start-up failed", error);
          dialogs.showError("Cannot open the demo project", error);
          whenDone.run();
        });
  }

  /** Opens a recent project; one that has gone is removed from the list, with a message. */
  public void openRecent(Path file) {
    if (Files.isRegularFile(file)) {
      opener.accept(file);
      return;
    }
    update(settings.forget(file));
    dialogs.showError(
        "Project not found",
        new NoSuchFileException(
            file + " was moved or deleted, so it was removed from File ▸ Open Recent."));
  }

  /** Empties the recent list (the open project stays open). */
  public void clearRecent() {
    update(new DesktopSettings(java.util.List.of(), settings.lastProject(), settings.model()));
  }

  private void update(DesktopSettings next) {
    settings = next;
    recent.setAll(next.recent());
    Path file = dirs.settingsFile();
    executor.execute(
        () -> {
          next.save(file);
          return null;
        },
        ignored -> {},
        error -> log().warn("Could not save the settings to {}", file, error));
  }
}
