package org.benchwright.desktop.fork;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.benchwright.desktop.editor.CodeViewer;

/**
 * Run ▸ Compare…: two runs' steps after their shared part side by side, one row per aligned step,
 * with each side's header above its column; under them the selected row's file differences and the
 * differences of the two runs' ends.
 */
public final class CompareWindow {

  private final Stage stage = new Stage();
  private final CompareViewModel viewModel;

  public CompareWindow(Window owner, CompareViewModel viewModel) {
    this.viewModel = viewModel;
    stage.initOwner(owner);
    stage.setTitle("Compare run " + viewModel.runA() + " with run " + viewModel.runB());

    Label headerA = header("compare-header-a", viewModel.headerAProperty());
    Label headerB = header("compare-header-b", viewModel.headerBProperty());
    GridPane headers = new GridPane();
    headers.setHgap(8);
    headers.add(headerA, 0, 0);
    headers.add(headerB, 1, 0);
    var half = new javafx.scene.layout.ColumnConstraints();
    half.setPercentWidth(50);
    headers.getColumnConstraints().setAll(half, half);
    Label shared = new Label();
    shared.setId("compare-shared");
    shared.setWrapText(true);
    shared.setStyle("-fx-text-fill: derive(-fx-text-base-color, 40%);");
    shared.textProperty().bind(viewModel.sharedProperty());
    Label error = new Label();
    error.setId("compare-error");
    error.setStyle("-fx-text-fill: #c62828;");
    error.textProperty().bind(viewModel.errorProperty());
    error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
    error.managedProperty().bind(error.visibleProperty());

    TableView<CompareViewModel.Row> table = new TableView<>(viewModel.rows());
    table.setId("compare-table");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    TableColumn<CompareViewModel.Row, Number> index = new TableColumn<>("Step");
    index.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().index()));
    index.setPrefWidth(50);
    index.setMaxWidth(70);
    table.getColumns().add(index);
    table.getColumns().add(side("Run " + viewModel.runA(), true));
    table.getColumns().add(side("Run " + viewModel.runB(), false));
    Label empty = new Label("Comparing…");
    table.setPlaceholder(empty);
    viewModel
        .loadedProperty()
        .addListener((o, was, now) -> empty.setText("Both runs end at the shared point"));
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, was, now) -> viewModel.select(now));

    CodeViewer step = new CodeViewer("compare-step-diff");
    step.showDiff(java.util.List.of(), "Select a row to see how the two runs' files differ there");
    viewModel
        .stepDiffProperty()
        .addListener(
            (o, was, now) -> {
              if (now == null) {
                step.showDiff(java.util.List.of(), "Reading the files…");
              } else {
                step.showDiff(
                    now,
                    table.getSelectionModel().getSelectedItem() == null
                        ? "Select a row to see how the two runs' files differ there"
                        : "The files are the same after these two steps");
              }
            });
    Label stepTitle = new Label();
    stepTitle.setId("compare-step-title");
    stepTitle.textProperty().bind(viewModel.stepTitleProperty());
    VBox stepBox = new VBox(4, stepTitle, step.node());
    VBox.setVgrow(step.node(), Priority.ALWAYS);
    CodeViewer end = new CodeViewer("compare-end-diff");
    end.showDiff(java.util.List.of(), "Comparing…");
    // On loading, not on a change of the diff: "no difference" is the empty list it starts as.
    viewModel
        .loadedProperty()
        .addListener(
            (o, was, now) -> {
              if (now) {
                end.showDiff(
                    viewModel.endDiffProperty().get(), "The two runs end with the same files");
              }
            });
    Tab stepTab = new Tab("Files at the selected step", stepBox);
    stepTab.setId("compare-step-tab");
    Tab endTab = new Tab("Files at the end", end.node());
    endTab.setId("compare-end-tab");
    TabPane diffs = new TabPane(stepTab, endTab);
    diffs.setId("compare-diffs");
    diffs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

    SplitPane split = new SplitPane(table, diffs);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.55);
    VBox.setVgrow(split, Priority.ALWAYS);
    VBox root = new VBox(6, headers, shared, error, split);
    root.setPadding(new Insets(8));
    root.setId("compare-window");
    stage.setScene(new Scene(root, 1200, 760));
  }

  private static Label header(String id, javafx.beans.property.ReadOnlyStringProperty text) {
    Label l = new Label();
    l.setId(id);
    l.setWrapText(true);
    l.setMaxWidth(Double.MAX_VALUE);
    l.setStyle(
        "-fx-font-weight: bold; -fx-padding: 4 6 4 6; -fx-background-color: derive(-fx-base, 8%);");
    l.textProperty().bind(text);
    return l;
  }

  /** A side's column: its events, those that differ from the other side's marked. */
  private static TableColumn<CompareViewModel.Row, CompareViewModel.Row> side(
      String title, boolean left) {
    TableColumn<CompareViewModel.Row, CompareViewModel.Row> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
    c.setPrefWidth(540);
    c.setCellFactory(
        col ->
            new TableCell<>() {
              @Override
              protected void updateItem(CompareViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("compare-same", "compare-differs");
                if (empty || row == null) {
                  setText(null);
                  setStyle("");
                  return;
                }
                setText(left ? row.aText() : row.bText());
                boolean same = row.same();
                getStyleClass().add(same ? "compare-same" : "compare-differs");
                // The steps where the branches did something different are the ones to read.
                setStyle(same ? "-fx-text-fill: derive(-fx-text-base-color, 45%);" : "");
              }
            });
    return c;
  }

  public Stage stage() {
    return stage;
  }

  /** Shows the window and compares the runs. */
  public void show() {
    stage.show();
    viewModel.load();
  }
}
