package org.benchwright.desktop.ui;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
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
    Alert alert = new Alert(Alert.AlertType.ERROR);
    alert.initOwner(owner);
    alert.setTitle("Benchwright");
    alert.setHeaderText(header);
    alert.setContentText(error.getMessage() != null ? error.getMessage() : error.toString());
    TextArea details = new TextArea(stackTrace(error));
    details.setEditable(false);
    details.setPrefRowCount(16);
    alert.getDialogPane().setExpandableContent(details);
    alert.showAndWait();
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

  private static String stackTrace(Throwable error) {
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
