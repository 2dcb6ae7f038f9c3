package org.benchwright.desktop.runs;

import static javafx.geometry.Orientation.VERTICAL;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.util.Duration;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;

/**
 * The runs table with its search box and status and workflow filters. Selecting a row hands the run
 * to {@code onSelect} (the main window puts it in the cursor). Every column but the task is as wide
 * as its header and cells need ({@link ColumnFit}); the task takes the rest of the width.
 */
public final class RunsView extends VBox {

  /** Cheap enough to poll: one indexed query over the runs table. */
  private static final Duration POLL = Duration.seconds(3);

  /** The task column's least width: below it the table scrolls sideways. */
  static final double TASK_MIN_WIDTH = 160;

  private final TableView<RunRow> table = new TableView<>();
  private final Map<TableColumn<RunRow, String>, Function<RunRow, String>> fitted =
      new LinkedHashMap<>();
  private final TableColumn<RunRow, String> task;
  private final RunCursor cursor;
  private java.util.function.BiConsumer<RunInfo, RunInfo> onCompare;
  // Set while the table is re-selecting the cursor's run after a refresh.
  private boolean restoring;

  public RunsView(RunsViewModel viewModel, RunCursor cursor, Consumer<RunInfo> onSelect) {
    this.cursor = cursor;
    setId("runs-view");
    getStylesheets().add(RunsView.class.getResource("runs.css").toExternalForm());

    TextField search = new TextField();
    search.setId("runs-search");
    search.setPromptText("Search task or label");
    search.textProperty().bindBidirectional(viewModel.searchProperty());
    HBox.setHgrow(search, Priority.ALWAYS);

    ComboBox<RunStatus> status = new ComboBox<>();
    status.setId("runs-status-filter");
    status.getItems().add(null);
    status.getItems().addAll(RunStatus.values());
    status.setButtonCell(named("any status", s -> s.name().toLowerCase().replace('_', ' ')));
    status.setCellFactory(l -> named("any status", s -> s.name().toLowerCase().replace('_', ' ')));
    status.valueProperty().bindBidirectional(viewModel.statusFilterProperty());

    ComboBox<String> workflow = new ComboBox<>();
    workflow.setId("runs-workflow-filter");
    workflow.setButtonCell(named("any workflow", s -> s));
    workflow.setCellFactory(l -> named("any workflow", s -> s));
    viewModel
        .workflows()
        .addListener(
            (ListChangeListener<String>)
                c -> {
                  String chosen = workflow.getValue();
                  workflow.getItems().setAll(viewModel.workflows());
                  workflow.getItems().addFirst(null);
                  workflow.setValue(chosen);
                });
    workflow.getItems().add(null);
    workflow.valueProperty().bindBidirectional(viewModel.workflowFilterProperty());

    HBox filters = new HBox(6, search, status, workflow);
    filters.setPadding(new Insets(6));

    table.setId("runs-table");
    table.setItems(viewModel.rows());
    // Widths are set by fitColumns(), not shared out by a constrained policy (that cut them all).
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    // Forks sit under their parent, indented, with their fork step ("↳ fork @ 57 · task").
    task = column("Task", RunRow::treeTask);
    task.setId("runs-task-column");
    task.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                // The task is the column that gives way: its whole text is a hover away.
                setTooltip(empty || item == null ? null : new Tooltip(item));
              }
            });
    table.getColumns().add(fit(column("Workflow", RunRow::workflow), RunRow::workflow));
    table.getColumns().add(task);
    table.getColumns().add(fit(column("Status", RunRow::status), RunRow::status));
    table.getColumns().add(fit(column("Model", RunRow::model), RunRow::model));
    Function<RunRow, String> tokens = r -> String.format("%,d", r.tokens());
    table.getColumns().add(fit(column("Tokens", tokens), tokens));
    table.getColumns().add(fit(column("Cost", RunRow::cost), RunRow::cost));
    table.getColumns().add(fit(column("Duration", RunRow::duration), RunRow::duration));
    Label empty = new Label();
    empty.setId("runs-placeholder");
    empty.getStyleClass().add("placeholder");
    empty.setWrapText(true);
    empty.textProperty().bind(viewModel.placeholderText());
    table.setPlaceholder(empty);
    VBox.setVgrow(table, Priority.ALWAYS);

    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, was, now) -> {
              if (restoring || now == null) {
                return;
              }
              if (cursor.run() == null || cursor.run().id() != now.id()) {
                onSelect.accept(now.info());
              }
            });
    // A refresh replaces the rows; keep the cursor's run selected, and the columns fitted.
    // (On the table's own items: each call of rows() is a new view, which a listener alone would
    // not keep alive.)
    table.getItems().addListener((ListChangeListener<RunRow>) c -> reselect());
    table.getItems().addListener((ListChangeListener<RunRow>) c -> fitColumns());
    table.widthProperty().addListener((o, was, now) -> fitTask());
    table
        .skinProperty()
        .addListener(
            (o, was, skin) ->
                javafx.application.Platform.runLater(
                    () -> {
                      // The vertical scroll bar takes width from the task when it shows.
                      table.lookupAll(".scroll-bar").stream()
                          .filter(n -> n instanceof ScrollBar b && b.getOrientation() == VERTICAL)
                          .forEach(n -> n.visibleProperty().addListener((x, a, b) -> fitTask()));
                      fitColumns();
                    }));
    fitColumns();
    cursor.runProperty().addListener((o, was, now) -> reselect());

    getChildren().addAll(filters, table);
    table.setContextMenu(compareMenu());

    Timeline poll = new Timeline(new KeyFrame(POLL, e -> viewModel.refresh()));
    poll.setCycleCount(Animation.INDEFINITE);
    // Poll only while the window is showing, so a closed window leaves no timer behind.
    sceneProperty()
        .flatMap(javafx.scene.Scene::windowProperty)
        .flatMap(javafx.stage.Window::showingProperty)
        .orElse(false)
        .addListener(
            (o, was, showing) -> {
              if (showing) {
                poll.play();
              } else {
                poll.stop();
              }
            });
  }

  /** Opens the comparison of two runs (the main window's Compare window); null: no comparing. */
  public void setOnCompare(java.util.function.BiConsumer<RunInfo, RunInfo> compare) {
    this.onCompare = compare;
  }

  /**
   * The rows' context menu: compare the row's run with its parent (a fork) or with any other run of
   * the list, picked from a list.
   */
  private javafx.scene.control.ContextMenu compareMenu() {
    javafx.scene.control.MenuItem withParent =
        new javafx.scene.control.MenuItem("Compare with Parent");
    withParent.setId("runs-compare-parent");
    javafx.scene.control.MenuItem with = new javafx.scene.control.MenuItem("Compare with…");
    with.setId("runs-compare-with");
    withParent.setOnAction(
        e -> {
          RunRow row = table.getSelectionModel().getSelectedItem();
          if (row != null && row.isFork() && onCompare != null) {
            table.getItems().stream()
                .filter(r -> r.id() == row.info().parentRunId())
                .findFirst()
                .ifPresent(parent -> onCompare.accept(parent.info(), row.info()));
          }
        });
    with.setOnAction(e -> compareWithChosen());
    javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(withParent, with);
    menu.setOnShowing(
        e -> {
          RunRow row = table.getSelectionModel().getSelectedItem();
          withParent.setDisable(
              onCompare == null
                  || row == null
                  || !row.isFork()
                  || table.getItems().stream().noneMatch(r -> r.id() == row.info().parentRunId()));
          with.setDisable(onCompare == null || row == null || table.getItems().size() < 2);
        });
    return menu;
  }

  /**
   * "Compare with…": the selected run against one picked from the others listed (the row's context
   * menu and Run ▸ Compare…). Nothing happens without a selected run or another one.
   */
  public void compareWithChosen() {
    RunRow row = table.getSelectionModel().getSelectedItem();
    if (row == null || onCompare == null) {
      return;
    }
    java.util.List<RunRow> others =
        table.getItems().stream().filter(r -> r.id() != row.id()).toList();
    if (others.isEmpty()) {
      return;
    }
    // A fork is compared with its parent first of all: offer that one first.
    Map<String, RunRow> byName = new LinkedHashMap<>();
    others.stream()
        .sorted(
            java.util.Comparator.comparing(
                (RunRow r) -> !java.util.Objects.equals(r.id(), row.info().parentRunId())))
        .forEach(r -> byName.put("Run " + r.id() + " · " + r.treeTask().strip(), r));
    javafx.scene.control.ChoiceDialog<String> pick =
        new javafx.scene.control.ChoiceDialog<>(byName.keySet().iterator().next(), byName.keySet());
    pick.initOwner(getScene() == null ? null : getScene().getWindow());
    pick.setTitle("Compare");
    pick.setHeaderText("Compare run " + row.id() + " with");
    pick.getDialogPane().setId("runs-compare-dialog");
    pick.showAndWait()
        .map(byName::get)
        .ifPresent(other -> onCompare.accept(row.info(), other.info()));
  }

  private void reselect() {
    RunInfo run = cursor.run();
    RunRow selected = table.getSelectionModel().getSelectedItem();
    if (run == null || (selected != null && selected.id() == run.id())) {
      return;
    }
    restoring = true;
    try {
      table.getItems().stream()
          .filter(r -> r.id() == run.id())
          .findFirst()
          .ifPresentOrElse(
              r -> table.getSelectionModel().select(r),
              () -> table.getSelectionModel().clearSelection());
    } finally {
      restoring = false;
    }
  }

  private TableColumn<RunRow, String> fit(
      TableColumn<RunRow, String> column, Function<RunRow, String> text) {
    fitted.put(column, text);
    return column;
  }

  /** Each fitted column as wide as its header and cell texts, measured in their own fonts. */
  private void fitColumns() {
    Font cellFont = font(".table-row-cell .table-cell", Font.getDefault());
    Font headerFont =
        font(
            ".column-header .label",
            Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, Font.getDefault().getSize()));
    fitted.forEach(
        (column, text) ->
            column.setPrefWidth(
                ColumnFit.fitted(
                    column.getText(),
                    table.getItems().stream().map(text).toList(),
                    s -> width(s, headerFont),
                    s -> width(s, cellFont))));
    task.setMinWidth(
        Math.max(TASK_MIN_WIDTH, width(task.getText(), headerFont) + ColumnFit.HEADER_CHROME));
    fitTask();
  }

  /** The task column: what the fitted columns leave of the table's width. */
  private void fitTask() {
    double available = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset();
    for (Node n : table.lookupAll(".scroll-bar")) {
      if (n instanceof ScrollBar b && b.getOrientation() == VERTICAL && b.isVisible()) {
        available -= b.getWidth();
      }
    }
    task.setPrefWidth(
        ColumnFit.remaining(
            available,
            fitted.keySet().stream().map(TableColumn::getPrefWidth).toList(),
            task.getMinWidth()));
  }

  /** The font the table draws {@code selector} in, once it has been styled; else {@code none}. */
  private Font font(String selector, Font none) {
    for (Node n : table.lookupAll(selector)) {
      if (n instanceof Labeled l && l.getFont() != null) {
        return l.getFont();
      }
    }
    return none;
  }

  private static double width(String text, Font font) {
    Text t = new Text(text);
    t.setFont(font);
    return t.getLayoutBounds().getWidth();
  }

  private static TableColumn<RunRow, String> column(String title, Function<RunRow, String> text) {
    TableColumn<RunRow, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(text.apply(d.getValue())));
    return c;
  }

  private static <T> ListCell<T> named(String none, Function<T, String> name) {
    return new ListCell<>() {
      @Override
      protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty ? null : item == null ? none : name.apply(item));
      }
    };
  }
}
