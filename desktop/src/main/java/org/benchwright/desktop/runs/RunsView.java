package org.benchwright.desktop.runs;

import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;

/**
 * The runs table with its search box and status and workflow filters. Selecting a row hands the run
 * to {@code onSelect} (the main window puts it in the cursor).
 */
public final class RunsView extends VBox {

  /** Cheap enough to poll: one indexed query over the runs table. */
  private static final Duration POLL = Duration.seconds(3);

  private final TableView<RunRow> table = new TableView<>();
  private final RunCursor cursor;
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
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(column("Workflow", RunRow::workflow, 110));
    table.getColumns().add(column("Task", RunRow::task, 180));
    table.getColumns().add(column("Status", RunRow::status, 80));
    table.getColumns().add(column("Model", RunRow::model, 110));
    table.getColumns().add(column("Tokens", r -> String.format("%,d", r.tokens()), 70));
    table.getColumns().add(column("Cost", RunRow::cost, 70));
    table.getColumns().add(column("Duration", RunRow::duration, 70));
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
    // A refresh replaces the rows; keep the cursor's run selected.
    viewModel.rows().addListener((ListChangeListener<RunRow>) c -> reselect());
    cursor.runProperty().addListener((o, was, now) -> reselect());

    getChildren().addAll(filters, table);

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

  private static TableColumn<RunRow, String> column(
      String title, Function<RunRow, String> text, double width) {
    TableColumn<RunRow, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(text.apply(d.getValue())));
    c.setPrefWidth(width);
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
