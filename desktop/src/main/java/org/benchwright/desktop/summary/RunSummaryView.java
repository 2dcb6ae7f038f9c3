package org.benchwright.desktop.summary;

import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/**
 * The run summary panel (for the {@code summary-tab}): outcome and reason, totals, tokens and cost
 * per node, and the time each step took. Binds to a {@link RunSummaryViewModel}.
 */
public final class RunSummaryView {

  private final RunSummaryViewModel viewModel;
  private final Label outcome = new Label();
  private final Label reason = new Label();
  private final Label totals = new Label();
  private final BarChart<String, Number> tokens =
      new BarChart<>(new CategoryAxis(), new NumberAxis());
  private final BarChart<String, Number> cost =
      new BarChart<>(new CategoryAxis(), new NumberAxis());
  private final LineChart<Number, Number> time =
      new LineChart<>(new NumberAxis(), new NumberAxis());
  private final ScrollPane root;

  public RunSummaryView(RunSummaryViewModel viewModel) {
    this.viewModel = viewModel;
    outcome.setId("summary-outcome");
    outcome.getStyleClass().add("summary-outcome");
    outcome.setWrapText(true);
    reason.setId("summary-reason");
    reason.setWrapText(true);
    totals.setId("summary-totals");
    totals.setWrapText(true);
    setUp(tokens, "summary-tokens-chart", "Tokens per node", "node", "tokens");
    setUp(cost, "summary-cost-chart", "Cost per node (USD)", "node", "USD");
    tokens.setLegendVisible(true);
    cost.setLegendVisible(false);
    time.setId("summary-time-chart");
    time.setTitle("Time per step (s, since the previous event)");
    time.getXAxis().setLabel("step");
    time.getYAxis().setLabel("seconds");
    time.setCreateSymbols(false);
    time.setLegendVisible(false);
    time.setAnimated(false);
    time.setPrefHeight(220);
    VBox box = new VBox(8, outcome, reason, totals, tokens, cost, time);
    box.getStyleClass().add("run-summary");
    root = new ScrollPane(box);
    root.setFitToWidth(true);
    root.setId("run-summary");
    root.getStylesheets().add(RunSummaryView.class.getResource("run-summary.css").toExternalForm());
    outcome.textProperty().bind(viewModel.headlineProperty());
    reason.textProperty().bind(viewModel.detailProperty());
    reason.visibleProperty().bind(viewModel.detailProperty().isNotEmpty());
    reason.managedProperty().bind(reason.visibleProperty());
    totals.textProperty().bind(viewModel.totalsTextProperty());
    viewModel.summaryProperty().addListener((obs, before, now) -> show(now));
    show(viewModel.summaryProperty().get());
  }

  public Node node() {
    return root;
  }

  private void show(RunSummary s) {
    outcome.getStyleClass().removeAll("passed", "failed");
    if (s.outcome() != null) {
      outcome.getStyleClass().add(s.outcome().passed() ? "passed" : "failed");
    }
    XYChart.Series<String, Number> in = new XYChart.Series<>();
    in.setName("input");
    XYChart.Series<String, Number> out = new XYChart.Series<>();
    out.setName("output");
    XYChart.Series<String, Number> usd = new XYChart.Series<>();
    for (RunSummary.NodeTotals n : s.nodes()) {
      if (n.modelCalls() == 0) {
        continue; // "(run)" and nodes that never asked the model have nothing to chart
      }
      in.getData().add(new XYChart.Data<>(n.node(), n.inputTokens()));
      out.getData().add(new XYChart.Data<>(n.node(), n.outputTokens()));
      usd.getData().add(new XYChart.Data<>(n.node(), n.costUsd()));
    }
    tokens.setData(FXCollections.observableArrayList(java.util.List.of(in, out)));
    cost.setData(FXCollections.observableArrayList(java.util.List.of(usd)));
    XYChart.Series<Number, Number> steps = new XYChart.Series<>();
    ObservableList<XYChart.Data<Number, Number>> points = steps.getData();
    for (RunSummary.StepTime t : s.steps()) {
      points.add(new XYChart.Data<>(t.seq(), t.millis() / 1000.0));
    }
    time.setData(FXCollections.observableArrayList(java.util.List.of(steps)));
  }

  private static void setUp(
      BarChart<String, Number> chart, String id, String title, String x, String y) {
    chart.setId(id);
    chart.setTitle(title);
    chart.getXAxis().setLabel(x);
    chart.getYAxis().setLabel(y);
    chart.setAnimated(false);
    chart.setPrefHeight(220);
    ((NumberAxis) chart.getYAxis())
        .setTickLabelFormatter(
            new NumberAxis.DefaultFormatter((NumberAxis) chart.getYAxis()) {
              @Override
              public String toString(Number n) {
                return String.format(
                    Locale.ROOT, y.equals("USD") ? "%.4f" : "%,.0f", n.doubleValue());
              }
            });
  }

  /** For tests and the lead's wiring: the view model behind the panel. */
  RunSummaryViewModel viewModel() {
    return viewModel;
  }
}
