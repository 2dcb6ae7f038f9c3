package org.benchwright.desktop.live;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.benchwright.engine.live.NewRunRequest;

/**
 * Run ▸ New Run…: workflow, task and model; Start stays disabled while the view model names a
 * problem, and the problem is shown under the fields.
 */
public final class NewRunDialog {

  public static final ButtonType START = new ButtonType("Start", ButtonBar.ButtonData.OK_DONE);

  private final Dialog<ButtonType> dialog = new Dialog<>();
  private final NewRunViewModel viewModel;

  public NewRunDialog(Window owner, NewRunViewModel viewModel) {
    this.viewModel = viewModel;
    dialog.initOwner(owner);
    dialog.setTitle("New Run");
    dialog.setHeaderText("Start a run of a workflow on a task");
    dialog.getDialogPane().setId("new-run-dialog");

    ComboBox<WorkflowCatalog.Entry> workflow =
        new ComboBox<>(FXCollections.observableArrayList(viewModel.workflows()));
    workflow.setId("new-run-workflow");
    workflow.valueProperty().bindBidirectional(viewModel.workflowProperty());
    Label description = new Label();
    description.setWrapText(true);
    description
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    viewModel.workflowProperty().get() == null
                        ? ""
                        : viewModel.workflowProperty().get().description(),
                viewModel.workflowProperty()));

    TextArea task = new TextArea();
    task.setId("new-run-task");
    task.setPromptText("What should the agents build? e.g. A ball rolls down a ramp into a bin.");
    task.setWrapText(true);
    task.setPrefRowCount(5);
    task.textProperty().bindBidirectional(viewModel.taskProperty());

    ComboBox<String> provider =
        new ComboBox<>(FXCollections.observableArrayList(NewRunViewModel.PROVIDERS));
    provider.setId("new-run-provider");
    provider.valueProperty().bindBidirectional(viewModel.providerProperty());
    TextField model = new TextField();
    model.setId("new-run-model");
    model.textProperty().bindBidirectional(viewModel.modelProperty());
    TextField baseUrl = new TextField();
    baseUrl.setId("new-run-base-url");
    baseUrl.setPromptText("provider default");
    baseUrl.textProperty().bindBidirectional(viewModel.baseUrlProperty());

    TextField script = new TextField();
    script.setId("new-run-script");
    script.setPromptText("a .json or .yaml file of turns");
    // Typed or pasted paths count as much as chosen ones; the view model checks the file exists.
    Path initial = viewModel.scriptProperty().get();
    script.setText(initial == null ? "" : initial.toString());
    script
        .textProperty()
        .addListener(
            (obs, before, now) ->
                viewModel.scriptProperty().set(now == null || now.isBlank() ? null : toPath(now)));
    viewModel
        .scriptProperty()
        .addListener(
            (obs, before, now) -> {
              String text = now == null ? "" : now.toString();
              if (!text.equals(script.getText())) {
                script.setText(text);
              }
            });
    Button browse = new Button("Choose…");
    browse.setId("new-run-script-browse");
    browse.setOnAction(
        e -> {
          FileChooser chooser = new FileChooser();
          chooser.setTitle("Script for the scripted model");
          chooser
              .getExtensionFilters()
              .add(
                  new FileChooser.ExtensionFilter(
                      "Scripts (JSON, YAML)", "*.json", "*.yaml", "*.yml"));
          File f = chooser.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
          if (f != null) {
            viewModel.scriptProperty().set(f.toPath());
          }
        });
    HBox scriptRow = new HBox(6, script, browse);
    HBox.setHgrow(script, Priority.ALWAYS);
    scriptRow.disableProperty().bind(viewModel.providerProperty().isNotEqualTo("scripted"));
    baseUrl.disableProperty().bind(viewModel.providerProperty().isEqualTo("scripted"));

    // Only for a workflow that trains on a dataset (automl); the hint says where datasets come
    // from.
    ComboBox<String> dataset = new ComboBox<>(viewModel.datasets());
    dataset.setId("new-run-dataset");
    dataset.valueProperty().bindBidirectional(viewModel.datasetProperty());
    dataset.setPromptText("no datasets: File ▸ Add Dataset…");
    Label datasetLabel = new Label("Dataset");
    datasetLabel.visibleProperty().bind(viewModel.needsDatasetProperty());
    datasetLabel.managedProperty().bind(viewModel.needsDatasetProperty());
    dataset.visibleProperty().bind(viewModel.needsDatasetProperty());
    dataset.managedProperty().bind(viewModel.needsDatasetProperty());

    CheckBox paused = new CheckBox("Start paused (step through from the first event)");
    paused.setId("new-run-paused");
    paused.selectedProperty().bindBidirectional(viewModel.pausedProperty());

    Label problem = new Label();
    problem.setId("new-run-problem");
    problem.setWrapText(true);
    problem.setStyle("-fx-text-fill: #b3261e;");
    problem.textProperty().bind(viewModel.problemProperty());

    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(8);
    grid.setPadding(new Insets(12));
    int row = 0;
    grid.addRow(row++, new Label("Workflow"), workflow);
    grid.add(description, 1, row++);
    grid.addRow(row++, datasetLabel, dataset);
    grid.addRow(row++, new Label("Task"), task);
    grid.addRow(row++, new Label("Provider"), provider);
    grid.addRow(row++, new Label("Model"), model);
    grid.addRow(row++, new Label("Base URL"), baseUrl);
    grid.addRow(row++, new Label("Script"), scriptRow);
    grid.add(paused, 1, row++);
    grid.add(problem, 0, row, 2, 1);
    GridPane.setHgrow(task, Priority.ALWAYS);
    grid.setPrefWidth(620);
    dialog.getDialogPane().setContent(grid);
    dialog.getDialogPane().getButtonTypes().addAll(START, ButtonType.CANCEL);
    Button start = (Button) dialog.getDialogPane().lookupButton(START);
    start.setId("new-run-start");
    start.disableProperty().bind(viewModel.problemProperty().isNotEmpty());
  }

  private static Path toPath(String text) {
    try {
      return Path.of(text.strip());
    } catch (java.nio.file.InvalidPathException e) {
      return null; // not a path on this system: the view model asks for a script file
    }
  }

  /** Shows the dialog; the request when the user pressed Start with valid fields. */
  public Optional<NewRunRequest> showAndWait() {
    return dialog
        .showAndWait()
        .filter(b -> b == START)
        .filter(b -> viewModel.isValid())
        .map(b -> viewModel.request());
  }
}
