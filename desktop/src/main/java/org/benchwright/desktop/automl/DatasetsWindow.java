package org.benchwright.desktop.automl;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.benchwright.desktop.ui.ProgressDialog;
import org.benchwright.engine.automl.Profile;
import org.benchwright.engine.project.Datasets.Dataset;

/**
 * View ▸ Datasets…: the project's datasets on the left; for the selected one its shape, target,
 * task and the reason, a target override, its columns, class balance, warnings and meta-features.
 * Binds to {@link DatasetsViewModel} only.
 */
public final class DatasetsWindow {

  private final Stage stage = new Stage();
  private final DatasetsViewModel vm;
  private final Label title = new Label();
  private final Label shape = new Label();
  private final Label task = new Label();
  private final Label reason = new Label();
  private final ComboBox<String> target = new ComboBox<>();
  private final TableView<Profile.Column> columns = new TableView<>();
  private final BarChart<String, Number> classes =
      new BarChart<>(new CategoryAxis(), new NumberAxis());
  private final Label classesNote = new Label();
  private final ListView<String> warnings = new ListView<>();
  private final TableView<Map.Entry<String, Double>> meta = new TableView<>();

  public DatasetsWindow(Window owner, DatasetsViewModel vm) {
    this.vm = vm;
    stage.initOwner(owner);
    stage.setTitle("Datasets");

    ListView<Dataset> list = new ListView<>(vm.datasets());
    list.setId("datasets-list");
    list.setCellFactory(l -> new DatasetCell());
    list.setPlaceholder(new Label("No datasets:\nFile ▸ Add Dataset…"));
    list.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null && now != vm.selectedProperty().get()) {
                vm.select(now);
              }
            });
    vm.selectedProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null && list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
              }
            });
    Button add = new Button("Add Dataset…");
    add.setId("datasets-add");
    add.disableProperty().bind(vm.busyProperty());
    add.setOnAction(e -> vm.addChosen());
    VBox left = new VBox(6, add, list);
    left.setPadding(new Insets(8));
    VBox.setVgrow(list, Priority.ALWAYS);

    title.setId("dataset-title");
    title.setStyle("-fx-font-weight: bold; -fx-font-size: 1.15em;");
    shape.setId("dataset-shape");
    task.setId("dataset-task");
    reason.setId("dataset-reason");
    reason.setWrapText(true);
    target.setId("dataset-target");
    Button setTarget = new Button("Set Target");
    setTarget.setId("dataset-set-target");
    setTarget
        .disableProperty()
        .bind(
            vm.busyProperty()
                .or(vm.detailsProperty().isNull())
                .or(target.valueProperty().isNull()));
    setTarget.setOnAction(e -> vm.retarget(target.getValue()));
    ProgressIndicator progress = new ProgressIndicator();
    progress.setId("datasets-progress");
    progress.setPrefSize(18, 18);
    progress.visibleProperty().bind(vm.busyProperty());
    HBox targetRow = new HBox(8, new Label("Target"), target, setTarget, task, progress);
    targetRow.setAlignment(Pos.CENTER_LEFT);

    columns.setId("dataset-columns");
    columns.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    columns
        .getColumns()
        .setAll(
            java.util.List.of(
                column("Column", Profile.Column::name, 150),
                column("Type", Profile.Column::type, 90),
                column("Missing", c -> String.format(Locale.ROOT, "%,d", c.missing())),
                column(
                    "Distinct",
                    c ->
                        String.format(Locale.ROOT, "%,d", c.distinct())
                            + (c.distinctCapped() ? "+" : "")),
                column("Mean", c -> number(c.mean())),
                column("Min", c -> number(c.min())),
                column("Max", c -> number(c.max()))));

    classes.setId("dataset-classes");
    classes.setLegendVisible(false);
    classes.setAnimated(false);
    classes.setCategoryGap(12);
    classes.getYAxis().setLabel("rows");
    classesNote.setId("dataset-classes-note");
    classes.setMinHeight(160);
    classes.setPrefHeight(240);
    Label warningsTitle = new Label("Warnings");
    warningsTitle.setStyle("-fx-font-weight: bold;");
    Label balanceTitle = new Label("Class balance");
    balanceTitle.setStyle("-fx-font-weight: bold;");
    warnings.setPrefHeight(140);
    // Beside the columns, always in view: what decides whether a target is usable.
    VBox balance = new VBox(6, balanceTitle, classesNote, classes, warningsTitle, warnings);
    balance.setPadding(new Insets(0, 0, 0, 8));
    balance.setId("dataset-balance");
    VBox.setVgrow(warnings, Priority.ALWAYS);

    warnings.setId("dataset-warnings");
    // A warning is a sentence: wrapped to the list's width rather than cut.
    warnings.setCellFactory(
        l -> {
          ListCell<String> cell =
              new ListCell<>() {
                @Override
                protected void updateItem(String w, boolean empty) {
                  super.updateItem(w, empty);
                  setText(empty ? null : w);
                }
              };
          cell.setWrapText(true);
          cell.prefWidthProperty().bind(l.widthProperty().subtract(24));
          return cell;
        });
    warnings.setPlaceholder(new Label("No warnings"));
    meta.setId("dataset-meta");
    meta.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    TableColumn<Map.Entry<String, Double>, String> metaName = new TableColumn<>("Meta-feature");
    metaName.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().getKey()));
    TableColumn<Map.Entry<String, Double>, String> metaValue = new TableColumn<>("Value");
    metaValue.setCellValueFactory(d -> new ReadOnlyStringWrapper(number(d.getValue().getValue())));
    meta.getColumns().setAll(java.util.List.of(metaName, metaValue));

    TabPane tabs = new TabPane(new Tab("Columns", columns), new Tab("Meta-features", meta));
    tabs.setId("dataset-tabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    SplitPane body = new SplitPane(tabs, balance);
    body.setDividerPositions(0.62);
    VBox.setVgrow(body, Priority.ALWAYS);

    GridPane summary = new GridPane();
    summary.setHgap(8);
    summary.setVgap(4);
    summary.addRow(0, title);
    summary.addRow(1, shape);
    VBox details = new VBox(8, summary, targetRow, reason, body);
    details.setPadding(new Insets(8));

    Label status = new Label();
    status.setId("datasets-status");
    status.textProperty().bind(vm.statusProperty());
    HBox footer = new HBox(12, status);
    footer.setPadding(new Insets(4, 8, 4, 8));

    SplitPane centre = new SplitPane(left, details);
    centre.setDividerPositions(0.2);
    BorderPane root = new BorderPane(centre);
    root.setBottom(footer);
    stage.setScene(new Scene(root, 1100, 720));

    vm.detailsProperty().addListener((o, was, now) -> show(now));
    vm.longWorkProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null) {
                new ProgressDialog(stage, now).show();
              }
            });
    show(vm.detailsProperty().get());
  }

  public void show() {
    stage.show();
    stage.toFront();
  }

  /** The window, for tests and screenshots. */
  public Stage stage() {
    return stage;
  }

  private void show(DatasetDetails d) {
    if (d == null) {
      title.setText("");
      shape.setText("");
      task.setText("");
      reason.setText("");
      target.getItems().clear();
      columns.getItems().clear();
      classes.getData().clear();
      classesNote.setText("");
      warnings.getItems().clear();
      meta.getItems().clear();
      return;
    }
    title.setText(d.dataset().name());
    shape.setText(d.shape());
    task.setText(d.task() + (d.dataset().targetChosen() ? " · chosen by a user" : " · detected"));
    reason.setText(d.reason() == null ? "" : d.reason());
    target.setItems(FXCollections.observableArrayList(d.targetChoices()));
    target.setValue(d.target());
    columns.getItems().setAll(d.columns());
    XYChart.Series<String, Number> series = new XYChart.Series<>();
    d.classes().forEach((k, v) -> series.getData().add(new XYChart.Data<>(k, v)));
    classes.getData().setAll(java.util.List.of(series));
    classesNote.setText(d.classesNote());
    warnings.getItems().setAll(d.warnings());
    meta.getItems().setAll(d.meta().entrySet());
  }

  private static TableColumn<Profile.Column, String> column(
      String name, Function<Profile.Column, String> text, double width) {
    TableColumn<Profile.Column, String> c = column(name, text);
    c.setPrefWidth(width);
    c.setMinWidth(width * 0.7);
    return c;
  }

  private static TableColumn<Profile.Column, String> column(
      String name, Function<Profile.Column, String> text) {
    TableColumn<Profile.Column, String> c = new TableColumn<>(name);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(text.apply(d.getValue())));
    // The profile's order is the file's; the cells are text, so a sort would misorder numbers.
    c.setSortable(false);
    return c;
  }

  /** Whole numbers as such (a minimum of 0, a count), others to four significant digits. */
  static String number(Double d) {
    if (d == null) {
      return "";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e12) {
      return String.format(Locale.ROOT, "%,d", d.longValue());
    }
    return String.format(Locale.ROOT, "%.4g", d);
  }

  private static final class DatasetCell extends ListCell<Dataset> {
    @Override
    protected void updateItem(Dataset d, boolean empty) {
      super.updateItem(d, empty);
      setText(
          empty || d == null
              ? null
              : String.format(
                  Locale.ROOT, "%s\n%,d rows · %s · %s", d.name(), d.rows(), d.target(), d.task()));
    }
  }
}
