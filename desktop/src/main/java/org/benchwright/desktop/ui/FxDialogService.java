package org.benchwright.desktop.ui;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.benchwright.engine.project.Project;

/** The real dialogs, owned by the main window so they stay in front of it. */
public final class FxDialogService implements DialogService {

  private final Window owner;

  public FxDialogService(Window owner) {
    this.owner = owner;
  }

  @Override
  public Optional<Path> chooseNewProjectFile() {
    FileChooser chooser = projectChooser("New Project");
    chooser.setInitialFileName("untitled" + Project.EXTENSION);
    return Optional.ofNullable(chooser.showSaveDialog(owner)).map(f -> f.toPath());
  }

  @Override
  public Optional<Path> chooseProjectToOpen() {
    return Optional.ofNullable(projectChooser("Open Project").showOpenDialog(owner))
        .map(f -> f.toPath());
  }

  @Override
  public Optional<Path> chooseExportFile() {
    javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
    chooser.setTitle("Export Training Data");
    chooser.setInitialFileName("training.jsonl");
    chooser
        .getExtensionFilters()
        .add(new javafx.stage.FileChooser.ExtensionFilter("JSON Lines", "*.jsonl"));
    return Optional.ofNullable(chooser.showSaveDialog(owner)).map(f -> f.toPath());
  }

  @Override
  public void showError(String header, Throwable error) {
    // Not showAndWait: a nested event loop per error would stack up if several arrive at once.
    new ErrorDialog(owner, header, error).show();
  }

  private static FileChooser projectChooser(String title) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    chooser
        .getExtensionFilters()
        .add(
            new FileChooser.ExtensionFilter(
                "Benchwright projects (*" + Project.EXTENSION + ")", "*" + Project.EXTENSION));
    return chooser;
  }
}
