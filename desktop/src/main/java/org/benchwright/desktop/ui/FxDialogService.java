package org.benchwright.desktop.ui;

import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
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
  public Optional<Path> chooseDatasetFile() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Add Dataset");
    // The extensions DatasetImport reads; anything else it refuses by name.
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter(
                "Datasets (CSV, Parquet)", "*.csv", "*.tsv", "*.txt", "*.parquet", "*.pq"),
            new FileChooser.ExtensionFilter("All files", "*.*"));
    return Optional.ofNullable(chooser.showOpenDialog(owner)).map(f -> f.toPath());
  }

  @Override
  public boolean confirm(String header, String detail) {
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION, detail, ButtonType.OK, ButtonType.CANCEL);
    alert.initOwner(owner);
    alert.setTitle("Benchwright");
    alert.setHeaderText(header);
    alert.getDialogPane().setId("confirm-dialog");
    // Cancel is the default: Enter pressed out of habit must not delete anything.
    ((Button) alert.getDialogPane().lookupButton(ButtonType.OK)).setDefaultButton(false);
    ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
    return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
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
