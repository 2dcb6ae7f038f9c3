package org.benchwright.desktop.experiments;

import java.util.Comparator;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * The Experiments tab: a summary line, the progress chart (a {@link Canvas}: one draw call per
 * point, however many experiments, where a chart control would make a node per point) and the
 * sortable table. A click on a row opens it (cursor and Code tab); a double click or Enter also
 * asks the window to bring the Code tab forward ({@code showCode}).
 */
public final class ExperimentsView {

  private final ExperimentsViewModel viewModel;
  private final Runnable showCode;
  private final TableView<ExperimentRow> table = new TableView<>();
  private final Label message = new Label();
  private final Canvas canvas = new Canvas();
  private final Pane chartPane = new Pane(canvas);
  private final BorderPane root = new BorderPane();

  public ExperimentsView(ExperimentsViewModel viewModel, Runnable showCode) {
    this.viewModel = viewModel;
    this.showCode = showCode;
    layout();
    bind();
  }

  public Node node() {
    return root;
  }

  private void layout() {
    root.setId("experiments");
    root.getStylesheets()
        .add(ExperimentsView.class.getResource("experiments.css").toExternalForm());
    message.setId("experiments-message");
    message.getStyleClass().add("experiments-message");
    message.setWrapText(true);
    canvas.setId("experiments-chart");
    chartPane.setId("experiments-chart-pane");
    chartPane.setMinHeight(120);
    chartPane.setPrefHeight(220);
    // The canvas follows its pane's size; a resize redraws.
    canvas.widthProperty().bind(chartPane.widthProperty());
    canvas.heightProperty().bind(chartPane.heightProperty());
    table.setId("experiments-table");
    table.setPlaceholder(new Label("No experiments"));
    for (ExperimentColumn c : ExperimentColumn.values()) {
      table.getColumns().add(column(c));
    }
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
    table.setRowFactory(t -> new StatusRow());
    // Empty values last in both directions: the table's own reversal cannot do that, so the
    // policy composes the columns' orders itself (ExperimentColumn.order).
    table.setSortPolicy(
        t -> {
          Comparator<ExperimentRow> order = null;
          for (TableColumn<ExperimentRow, ?> col : t.getSortOrder()) {
            ExperimentColumn c = (ExperimentColumn) col.getUserData();
            Comparator<ExperimentRow> next =
                c.order(col.getSortType() == TableColumn.SortType.ASCENDING);
            order = order == null ? next : order.thenComparing(next);
          }
          viewModel.sortBy(order);
          return true;
        });
    table.setItems(viewModel.sortedRows());
    SplitPane split = new SplitPane(chartPane, table);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.38);
    root.setTop(message);
    root.setCenter(split);
  }

  private static TableColumn<ExperimentRow, ExperimentRow> column(ExperimentColumn c) {
    TableColumn<ExperimentRow, ExperimentRow> col = new TableColumn<>(c.header());
    col.setId("experiments-col-" + c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    col.setUserData(c);
    col.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
    col.setComparator(c.ascending());
    col.setCellFactory(
        x ->
            new TableCell<>() {
              @Override
              protected void updateItem(ExperimentRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : c.text(row));
              }
            });
    switch (c) {
      case INDEX, FIX_ATTEMPT -> col.setPrefWidth(40);
      case DESCRIPTION -> col.setPrefWidth(320);
      default -> col.setPrefWidth(72);
    }
    return col;
  }

  private void bind() {
    message.textProperty().bind(viewModel.messageProperty());
    viewModel.chartProperty().addListener(o -> draw());
    viewModel.openedProperty().addListener(o -> draw());
    canvas.widthProperty().addListener(o -> draw());
    canvas.heightProperty().addListener(o -> draw());
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null && now != viewModel.openedProperty().get()) {
                viewModel.open(now);
              }
            });
    table.setOnKeyPressed(
        e -> {
          if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
            showCode.run();
          }
        });
  }

  /** A row coloured by its status (style class), opening the Code tab on a double click. */
  private final class StatusRow extends TableRow<ExperimentRow> {
    StatusRow() {
      setOnMouseClicked(
          e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !isEmpty()) {
              showCode.run();
            }
          });
    }

    @Override
    protected void updateItem(ExperimentRow row, boolean empty) {
      super.updateItem(row, empty);
      for (Status s : Status.values()) {
        getStyleClass().remove(s.styleClass());
      }
      if (!empty && row != null) {
        getStyleClass().add(row.status().styleClass());
      }
    }
  }

  // ---- the chart -----------------------------------------------------------------------------

  private static final double LEFT = 56;
  private static final double RIGHT = 12;
  private static final double TOP = 12;
  private static final double BOTTOM = 26;

  private void draw() {
    double w = canvas.getWidth();
    double h = canvas.getHeight();
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.setFill(Color.WHITE);
    g.fillRect(0, 0, w, h);
    ProgressChart c = viewModel.chartProperty().get();
    double pw = w - LEFT - RIGHT;
    double ph = h - TOP - BOTTOM;
    if (pw <= 10 || ph <= 10) {
      return;
    }
    g.setFont(Font.font(10));
    g.setStroke(Color.gray(0.75));
    g.setLineWidth(1);
    g.strokeLine(LEFT, TOP + ph, LEFT + pw, TOP + ph);
    g.strokeLine(LEFT, TOP, LEFT, TOP + ph);
    if (c.points().isEmpty()) {
      g.setFill(Color.gray(0.45));
      g.fillText("No experiments yet", LEFT + 8, TOP + 16);
      return;
    }
    int n = Math.max(1, c.maxIndex());
    double span = c.yMax() - c.yMin();
    java.util.function.DoubleUnaryOperator x =
        i -> LEFT + (n == 1 ? pw / 2 : (i - 1) * pw / (n - 1));
    java.util.function.DoubleUnaryOperator y = v -> TOP + ph - (v - c.yMin()) / span * ph;

    // Axis labels: min, middle and max of the metric; first and last index.
    g.setFill(Color.gray(0.35));
    for (int k = 0; k <= 2; k++) {
      double v = c.yMin() + span * k / 2;
      g.fillText(ExperimentRow.number(v), 4, y.applyAsDouble(v) + 3);
    }
    g.fillText("1", LEFT, TOP + ph + 14);
    g.fillText(String.valueOf(n), LEFT + pw - 20, TOP + ph + 14);
    g.fillText("experiment (" + c.direction() + " is better)", LEFT + pw / 2 - 50, TOP + ph + 22);

    // The noise band, then the running best as a step line over it.
    var steps = c.steps();
    double end = x.applyAsDouble(n) + (n == 1 ? 8 : pw / (n - 1) / 2);
    g.setFill(Color.web("#2e9d3a", 0.15));
    for (int i = 0; i < steps.size(); i++) {
      double x0 = x.applyAsDouble(steps.get(i).index());
      double x1 = i + 1 < steps.size() ? x.applyAsDouble(steps.get(i + 1).index()) : end;
      double top = y.applyAsDouble(steps.get(i).high());
      double bottom = y.applyAsDouble(steps.get(i).low());
      g.fillRect(x0, top, Math.max(1, x1 - x0), Math.max(1, bottom - top));
    }
    g.setStroke(Color.web("#1b5e20"));
    g.setLineWidth(1.5);
    g.beginPath();
    for (int i = 0; i < steps.size(); i++) {
      double x0 = x.applyAsDouble(steps.get(i).index());
      double yb = y.applyAsDouble(steps.get(i).best());
      if (i == 0) {
        g.moveTo(x0, yb);
      } else {
        g.lineTo(x0, yb);
      }
      double x1 = i + 1 < steps.size() ? x.applyAsDouble(steps.get(i + 1).index()) : end;
      g.lineTo(x1, yb);
    }
    g.stroke();

    // The points: a dot per experiment, a square per baseline, a cross at the axis per crash.
    double r = n > 300 ? 2 : 3.5;
    for (ProgressChart.Point p : c.points()) {
      double px = x.applyAsDouble(p.index());
      Color colour = Color.web(p.status().colour());
      if (p.metric() == null) {
        if (p.status() == Status.CRASHED) {
          g.setStroke(colour);
          g.setLineWidth(1.5);
          double py = TOP + ph - 4;
          g.strokeLine(px - r, py - r, px + r, py + r);
          g.strokeLine(px - r, py + r, px + r, py - r);
        }
        continue;
      }
      double py = y.applyAsDouble(p.metric());
      g.setFill(colour);
      if (p.status() == Status.BASELINE) {
        g.fillRect(px - r - 1, py - r - 1, 2 * r + 2, 2 * r + 2);
      } else {
        g.fillOval(px - r, py - r, 2 * r, 2 * r);
      }
    }

    // The opened experiment: a thin vertical rule.
    ExperimentRow open = viewModel.openedProperty().get();
    if (open != null && open.index() != null) {
      double px = x.applyAsDouble(open.index());
      g.setStroke(Color.web("#1f6fd1", 0.6));
      g.setLineWidth(1);
      g.strokeLine(px, TOP, px, TOP + ph);
    }
  }

  /** For tests and the benchmark: the table. */
  public TableView<ExperimentRow> table() {
    return table;
  }
}
