package org.benchwright.desktop.automl;

import java.util.Comparator;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * The Leaderboard tab: a summary line with the row actions, two charts (each a {@link Canvas}:
 * JavaFX charts have no error bars, and one draw call per candidate costs less than nodes) and the
 * sortable table. A double click or Enter on a row, or Show in Timeline, moves the cursor to its
 * event; Open in Code shows one of its files in the Code tab.
 */
public final class LeaderboardView {

  private final LeaderboardViewModel viewModel;
  private final TableView<LeaderboardRow> table = new TableView<>();
  private final Label message = new Label();
  private final Canvas scores = new Canvas();
  private final Canvas scatter = new Canvas();
  private final Button showEvent = new Button("Show in Timeline");
  private final MenuButton openCode = new MenuButton("Open in Code");
  private final BorderPane root = new BorderPane();

  public LeaderboardView(LeaderboardViewModel viewModel) {
    this.viewModel = viewModel;
    layout();
    bind();
  }

  public Node node() {
    return root;
  }

  /** For tests: the table. */
  public TableView<LeaderboardRow> table() {
    return table;
  }

  private void layout() {
    root.setId("leaderboard");
    root.getStylesheets()
        .add(LeaderboardView.class.getResource("leaderboard.css").toExternalForm());
    message.setId("leaderboard-message");
    message.getStyleClass().add("leaderboard-message");
    message.setWrapText(true);
    message.setMaxWidth(Double.MAX_VALUE);
    showEvent.setId("leaderboard-show-event");
    openCode.setId("leaderboard-open-code");
    // The summary wraps instead of squeezing the buttons' labels.
    showEvent.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    openCode.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    HBox actions = new HBox(8, message, showEvent, openCode);
    actions.setAlignment(Pos.CENTER_LEFT);
    actions.getStyleClass().add("leaderboard-actions");
    HBox.setHgrow(message, Priority.ALWAYS);

    scores.setId("leaderboard-scores");
    scatter.setId("leaderboard-scatter");
    Pane scoresPane = canvasPane(scores, "leaderboard-scores-pane");
    Pane scatterPane = canvasPane(scatter, "leaderboard-scatter-pane");
    HBox charts = new HBox(scoresPane, scatterPane);
    HBox.setHgrow(scoresPane, Priority.ALWAYS);
    HBox.setHgrow(scatterPane, Priority.ALWAYS);
    // The score chart gets more room: it carries a label per candidate.
    scoresPane.prefWidthProperty().bind(charts.widthProperty().multiply(0.6));
    scatterPane.prefWidthProperty().bind(charts.widthProperty().multiply(0.4));
    charts.setMinHeight(140);
    charts.setPrefHeight(240);

    table.setId("leaderboard-table");
    table.setPlaceholder(new Label("No candidates"));
    for (LeaderboardColumn c : LeaderboardColumn.values()) {
      table.getColumns().add(column(c));
    }
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    table.setRowFactory(t -> new StatusRow());
    // Empty values last in both directions: the table's own reversal cannot do that, so the
    // policy composes the columns' orders itself (LeaderboardColumn.order).
    table.setSortPolicy(
        t -> {
          Comparator<LeaderboardRow> order = null;
          for (TableColumn<LeaderboardRow, ?> col : t.getSortOrder()) {
            LeaderboardColumn c = (LeaderboardColumn) col.getUserData();
            Comparator<LeaderboardRow> next =
                c.order(col.getSortType() == TableColumn.SortType.ASCENDING);
            order = order == null ? next : order.thenComparing(next);
          }
          viewModel.sortBy(order);
          return true;
        });
    table.setItems(viewModel.sortedRows());
    SplitPane split = new SplitPane(charts, table);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(0.42);
    VBox.setVgrow(split, Priority.ALWAYS);
    root.setTop(actions);
    root.setCenter(split);
  }

  private static Pane canvasPane(Canvas canvas, String id) {
    Pane pane = new Pane(canvas);
    pane.setId(id);
    pane.setMinWidth(120);
    // The canvas follows its pane's size; a resize redraws.
    canvas.widthProperty().bind(pane.widthProperty());
    canvas.heightProperty().bind(pane.heightProperty());
    return pane;
  }

  private static TableColumn<LeaderboardRow, LeaderboardRow> column(LeaderboardColumn c) {
    TableColumn<LeaderboardRow, LeaderboardRow> col = new TableColumn<>(c.header());
    col.setId("leaderboard-col-" + c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    col.setUserData(c);
    col.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
    col.setCellFactory(
        x ->
            new TableCell<>() {
              @Override
              protected void updateItem(LeaderboardRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : c.text(row));
                // The reason's first line fits the cell; the whole message is a hover away.
                boolean long_ =
                    !empty
                        && row != null
                        && c == LeaderboardColumn.REASON
                        && !row.reason().isEmpty();
                setTooltip(long_ ? new Tooltip(row.row().detail()) : null);
              }
            });
    switch (c) {
      case RANK -> col.setPrefWidth(36);
      case NAME, MODEL -> col.setPrefWidth(110);
      case STATUS -> col.setPrefWidth(84);
      case REASON -> col.setPrefWidth(300);
      default -> col.setPrefWidth(74);
    }
    return col;
  }

  private void bind() {
    viewModel.chartProperty().addListener(o -> draw());
    viewModel.selectedProperty().addListener(o -> draw());
    for (Canvas c : new Canvas[] {scores, scatter}) {
      c.widthProperty().addListener(o -> draw());
      c.heightProperty().addListener(o -> draw());
    }
    message.textProperty().bind(viewModel.messageProperty());
    showEvent.disableProperty().bind(viewModel.selectedProperty().isNull());
    openCode.disableProperty().bind(viewModel.selectedProperty().isNull());
    showEvent.setOnAction(e -> viewModel.showEvent());
    // The menu lists the selected row's files; built when it opens, so it names that row.
    openCode.setOnShowing(
        e -> {
          openCode.getItems().clear();
          for (String path : viewModel.codeFiles()) {
            MenuItem item = new MenuItem(path);
            item.setId("leaderboard-open-" + path.replaceAll("[^A-Za-z0-9]", "-"));
            item.setOnAction(a -> viewModel.openCode(path));
            openCode.getItems().add(item);
          }
        });
    // So the menu has items before it is first shown (keyboard navigation, tests).
    openCode.getItems().add(new MenuItem("…"));
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, was, now) -> {
              // Null while the board is re-read: the view model keeps the selection by name.
              if (now != null && now != viewModel.selectedProperty().get()) {
                viewModel.select(now);
              }
            });
    viewModel
        .selectedProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
              }
            });
    table.setOnKeyPressed(
        e -> {
          if (e.getCode() == KeyCode.ENTER) {
            viewModel.showEvent();
          }
        });
  }

  /** A row coloured by its status (style class); a double click shows its event. */
  private final class StatusRow extends TableRow<LeaderboardRow> {
    StatusRow() {
      setOnMouseClicked(
          e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !isEmpty()) {
              viewModel.select(getItem());
              viewModel.showEvent();
            }
          });
    }

    @Override
    protected void updateItem(LeaderboardRow row, boolean empty) {
      super.updateItem(row, empty);
      for (CandidateStatus s : CandidateStatus.values()) {
        getStyleClass().remove(s.styleClass());
      }
      if (!empty && row != null) {
        getStyleClass().add(row.status().styleClass());
      }
    }
  }

  // ---- the charts ----------------------------------------------------------------------------

  private static final double LEFT = 60;
  private static final double RIGHT = 14;
  private static final double TOP = 14;
  private static final double BOTTOM = 40;
  private static final Color SELECTED = Color.web("#1f6fd1");

  private void draw() {
    ScoreChart c = viewModel.chartProperty().get();
    LeaderboardRow sel = viewModel.selectedProperty().get();
    String selected = sel == null ? null : sel.name();
    drawScores(c, selected);
    drawScatter(c, selected);
  }

  /** CV mean per candidate in rank order, with a whisker of ± one std; crosses for failures. */
  private void drawScores(ScoreChart c, String selected) {
    GraphicsContext g = frame(scores);
    double pw = scores.getWidth() - LEFT - RIGHT;
    double ph = scores.getHeight() - TOP - BOTTOM;
    if (pw <= 10 || ph <= 10) {
      return;
    }
    int n = c.points().size() + c.failed().size();
    if (n == 0) {
      g.setFill(Color.gray(0.45));
      g.fillText("No candidates yet", LEFT + 8, TOP + 16);
      return;
    }
    DoubleUnaryOperator y = valueAxis(g, c, ph);
    double slot = pw / n;
    DoubleUnaryOperator x = i -> LEFT + slot * (i + 0.5);
    g.setFill(Color.gray(0.35));
    g.fillText(c.axisLabel(), LEFT, TOP + ph + 32);
    for (int i = 0; i < c.points().size(); i++) {
      ScoreChart.Point p = c.points().get(i);
      double px = x.applyAsDouble(i);
      boolean sel = p.name().equals(selected);
      Color colour = sel ? SELECTED : Color.web(CandidateStatus.OK.colour());
      double yl = y.applyAsDouble(p.low());
      double yh = y.applyAsDouble(p.high());
      double cap = Math.min(6, slot / 4);
      g.setStroke(colour.darker());
      g.setLineWidth(1.5);
      g.strokeLine(px, yh, px, yl);
      g.strokeLine(px - cap, yh, px + cap, yh);
      g.strokeLine(px - cap, yl, px + cap, yl);
      double r = sel ? 5 : 4;
      g.setFill(colour);
      g.fillOval(px - r, y.applyAsDouble(p.mean()) - r, 2 * r, 2 * r);
      label(g, p.name(), px, TOP + ph + 14, slot);
    }
    for (int j = 0; j < c.failed().size(); j++) {
      ScoreChart.Failed f = c.failed().get(j);
      double px = x.applyAsDouble(c.points().size() + j);
      double py = TOP + ph - 6;
      double r = 4;
      g.setStroke(f.name().equals(selected) ? SELECTED : Color.web(f.status().colour()));
      g.setLineWidth(2);
      g.strokeLine(px - r, py - r, px + r, py + r);
      g.strokeLine(px - r, py + r, px + r, py - r);
      g.setFill(Color.gray(0.45));
      label(g, f.name(), px, TOP + ph + 14, slot);
    }
  }

  /** Fit seconds (x, from 0) against the CV mean (y); the selected candidate ringed. */
  private void drawScatter(ScoreChart c, String selected) {
    GraphicsContext g = frame(scatter);
    double pw = scatter.getWidth() - LEFT - RIGHT;
    double ph = scatter.getHeight() - TOP - BOTTOM;
    if (pw <= 10 || ph <= 10) {
      return;
    }
    if (c.points().isEmpty()) {
      g.setFill(Color.gray(0.45));
      g.fillText("No scores yet", LEFT + 8, TOP + 16);
      return;
    }
    DoubleUnaryOperator y = valueAxis(g, c, ph);
    DoubleUnaryOperator x = s -> LEFT + s / c.fitMax() * pw;
    g.setFill(Color.gray(0.35));
    g.fillText("0", LEFT, TOP + ph + 14);
    String max = LeaderboardRow.seconds(c.fitMax());
    g.fillText(max, LEFT + pw - 6 * max.length(), TOP + ph + 14);
    g.fillText("fit seconds", LEFT + pw / 2 - 26, TOP + ph + 32);
    for (ScoreChart.Point p : c.points()) {
      if (p.fitSeconds() == null) {
        continue;
      }
      double px = x.applyAsDouble(p.fitSeconds());
      double py = y.applyAsDouble(p.mean());
      boolean sel = p.name().equals(selected);
      g.setFill(Color.web(CandidateStatus.OK.colour()));
      g.fillOval(px - 4, py - 4, 8, 8);
      if (sel) {
        g.setStroke(SELECTED);
        g.setLineWidth(2);
        g.strokeOval(px - 7, py - 7, 14, 14);
      }
      g.setFill(Color.gray(0.3));
      g.fillText(p.name(), px + 7, py - 5);
    }
  }

  private static GraphicsContext frame(Canvas canvas) {
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.setFill(Color.WHITE);
    g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
    g.setFont(Font.font(10));
    g.setStroke(Color.gray(0.75));
    g.setLineWidth(1);
    double ph = canvas.getHeight() - TOP - BOTTOM;
    g.strokeLine(LEFT, TOP + ph, canvas.getWidth() - RIGHT, TOP + ph);
    g.strokeLine(LEFT, TOP, LEFT, TOP + ph);
    return g;
  }

  /** Ticks at the bottom, middle and top of the value axis; the mapping from value to y. */
  private static DoubleUnaryOperator valueAxis(GraphicsContext g, ScoreChart c, double ph) {
    double span = c.yMax() - c.yMin();
    DoubleUnaryOperator y = v -> TOP + ph - (v - c.yMin()) / span * ph;
    g.setFill(Color.gray(0.35));
    for (int k = 0; k <= 2; k++) {
      double v = c.yMin() + span * k / 2;
      g.fillText(String.format(Locale.ROOT, "%.4g", v), 4, y.applyAsDouble(v) + 3);
    }
    return y;
  }

  /** A candidate's name under its slot, cut to fit. */
  private static void label(GraphicsContext g, String name, double cx, double baseline, double w) {
    int fit = Math.max(3, (int) (w / 6));
    String s = name.length() > fit ? name.substring(0, fit - 1) + "…" : name;
    g.fillText(s, cx - s.length() * 2.8, baseline);
  }
}
