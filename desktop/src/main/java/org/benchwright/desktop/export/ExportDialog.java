package org.benchwright.desktop.export;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * File ▸ Export Training Data: filters, the counts they select, progress and cancel. Binds to
 * {@link ExportViewModel} and holds no state of its own.
 */
public final class ExportDialog extends Dialog<Void> {

  public ExportDialog(Window owner, ExportViewModel vm) {
    initOwner(owner);
    setTitle("Export Training Data");
    setHeaderText("Chat fine-tuning JSONL, one example per agent episode. Secrets are scrubbed.");
    setResizable(true);

    TextField workflow = text(vm.workflowProperty(), "any workflow");
    TextField node = text(vm.nodeProperty(), "any role, e.g. coder");
    ChoiceBox<String> outcome =
        new ChoiceBox<>(FXCollections.observableArrayList("any", "passed", "failed"));
    outcome.valueProperty().bindBidirectional(vm.outcomeProperty());
    TextField model = text(vm.modelProperty(), "any model, e.g. openai:gpt-4o");
    TextField since = text(vm.sinceProperty(), "YYYY-MM-DD");
    TextField until = text(vm.untilProperty(), "YYYY-MM-DD");
    Spinner<Double> validation =
        new Spinner<>(0.0, 50.0, vm.validationPercentProperty().get(), 5.0);
    validation
        .valueProperty()
        .addListener((o, was, now) -> vm.validationPercentProperty().set(now));
    CheckBox benchmarks = new CheckBox("Only runs that produced a benchmark");
    benchmarks.selectedProperty().bindBidirectional(vm.benchmarksOnlyProperty());

    Label counts = new Label();
    counts.textProperty().bind(vm.countsProperty());
    Button count = new Button("Count");
    count.setOnAction(e -> vm.refreshCounts());
    ProgressBar progress = new ProgressBar();
    progress.progressProperty().bind(vm.progressProperty());
    progress.setMaxWidth(Double.MAX_VALUE);
    Label status = new Label();
    status.textProperty().bind(vm.statusProperty());
    status.setWrapText(true);

    GridPane grid = new GridPane();
    grid.setHgap(8);
    grid.setVgap(6);
    grid.setPadding(new Insets(12));
    int row = 0;
    grid.addRow(row++, new Label("Workflow"), workflow);
    grid.addRow(row++, new Label("Role"), node);
    grid.addRow(row++, new Label("Outcome"), outcome);
    grid.addRow(row++, new Label("Model"), model);
    grid.addRow(row++, new Label("From"), since);
    grid.addRow(row++, new Label("To"), until);
    grid.addRow(row++, new Label("Validation %"), validation);
    grid.add(benchmarks, 1, row++);
    grid.addRow(row++, count, counts);
    grid.add(progress, 0, row++, 2, 1);
    grid.add(status, 0, row, 2, 1);
    getDialogPane().setContent(grid);

    ButtonType exportType = new ButtonType("Export…", ButtonBar.ButtonData.OK_DONE);
    ButtonType cancelType = new ButtonType("Cancel Export", ButtonBar.ButtonData.OTHER);
    getDialogPane().getButtonTypes().addAll(exportType, cancelType, ButtonType.CLOSE);
    Button exportButton = (Button) getDialogPane().lookupButton(exportType);
    Button cancelButton = (Button) getDialogPane().lookupButton(cancelType);
    // The dialog stays open while exporting: these buttons act without closing it.
    exportButton.addEventFilter(
        javafx.event.ActionEvent.ACTION,
        e -> {
          e.consume();
          vm.export();
        });
    cancelButton.addEventFilter(
        javafx.event.ActionEvent.ACTION,
        e -> {
          e.consume();
          vm.cancel();
        });
    exportButton.disableProperty().bind(vm.runningProperty());
    cancelButton.disableProperty().bind(vm.runningProperty().not());
    vm.refreshCounts();
  }

  private static TextField text(javafx.beans.property.StringProperty p, String prompt) {
    TextField f = new TextField();
    f.setPromptText(prompt);
    f.textProperty().bindBidirectional(p);
    return f;
  }
}
