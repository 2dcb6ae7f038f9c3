package org.benchwright.desktop.settings;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * File ▸ Project Settings: the settings table and an editor for one key. Binds to {@link
 * SettingsViewModel} and holds no state of its own.
 */
public final class SettingsDialog extends Dialog<Void> {

  public SettingsDialog(Window owner, SettingsViewModel vm) {
    initOwner(owner);
    setTitle("Project Settings");
    setHeaderText("Values are checked before they are saved; an empty value means the default.");
    setResizable(true);

    TableView<SettingsViewModel.Row> table = new TableView<>(vm.rows());
    table.setId("settings-table");
    table.getColumns().add(column("Key", 280, SettingsViewModel.Row::key));
    table.getColumns().add(column("Value", 160, SettingsViewModel.Row::value));
    table.getColumns().add(column("Default", 160, SettingsViewModel.Row::defaultText));
    table.getColumns().add(column("Description", 360, SettingsViewModel.Row::description));
    table.setPrefHeight(300);
    table.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> vm.select(row));

    ComboBox<String> key = new ComboBox<>(vm.keyChoices());
    key.setId("setting-key");
    key.setEditable(true);
    key.setMaxWidth(Double.MAX_VALUE);
    key.setPromptText("a key, e.g. workflow.engineer.planner.plan_approval");
    key.getEditor().textProperty().bindBidirectional(vm.keyProperty());
    Label description = wrapping(vm.descriptionProperty());
    Label allowed = wrapping(vm.allowedProperty());
    TextArea value = new TextArea();
    value.setId("setting-value");
    value.setPrefRowCount(3);
    value.setWrapText(true);
    value.textProperty().bindBidirectional(vm.valueProperty());
    value.promptTextProperty().bind(vm.defaultTextProperty());
    Label error = wrapping(vm.errorProperty());
    error.setId("setting-error");
    error.setStyle("-fx-text-fill: #b00020;");
    Label status = wrapping(vm.statusProperty());
    status.setId("setting-status");

    GridPane editor = new GridPane();
    editor.setHgap(8);
    editor.setVgap(6);
    ColumnConstraints labels = new ColumnConstraints();
    ColumnConstraints fields = new ColumnConstraints();
    fields.setHgrow(Priority.ALWAYS);
    editor.getColumnConstraints().setAll(labels, fields);
    int row = 0;
    editor.addRow(row++, new Label("Key"), key);
    editor.add(description, 1, row++);
    editor.add(allowed, 1, row++);
    editor.addRow(row++, new Label("Value"), value);
    editor.add(error, 1, row++);
    editor.add(status, 1, row);

    VBox content = new VBox(10, table, editor);
    content.setPadding(new Insets(12));
    VBox.setVgrow(table, Priority.ALWAYS);
    getDialogPane().setContent(content);
    getDialogPane().setPrefWidth(980);

    ButtonType saveType = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
    ButtonType resetType = new ButtonType("Reset to Default", ButtonBar.ButtonData.OTHER);
    getDialogPane().getButtonTypes().addAll(saveType, resetType, ButtonType.CLOSE);
    Button save = (Button) getDialogPane().lookupButton(saveType);
    Button reset = (Button) getDialogPane().lookupButton(resetType);
    save.setId("setting-save");
    reset.setId("setting-reset");
    // Saving keeps the dialog open, so an error can be read and the value fixed.
    save.addEventFilter(
        ActionEvent.ACTION,
        e -> {
          e.consume();
          vm.save();
        });
    reset.addEventFilter(
        ActionEvent.ACTION,
        e -> {
          e.consume();
          vm.reset();
        });
    save.disableProperty().bind(vm.busyProperty());
    reset.disableProperty().bind(vm.busyProperty());
    vm.load();
  }

  private static TableColumn<SettingsViewModel.Row, String> column(
      String title, double width, Function<SettingsViewModel.Row, String> cell) {
    TableColumn<SettingsViewModel.Row, String> c = new TableColumn<>(title);
    c.setPrefWidth(width);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(cell.apply(d.getValue())));
    return c;
  }

  private static Label wrapping(ObservableValue<String> text) {
    Label l = new Label();
    l.textProperty().bind(text);
    l.setWrapText(true);
    l.setMaxWidth(Double.MAX_VALUE);
    return l;
  }
}
