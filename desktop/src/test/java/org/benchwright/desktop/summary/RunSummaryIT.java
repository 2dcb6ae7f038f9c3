package org.benchwright.desktop.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.benchwright.desktop.project.DemoProject;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.FxUiExecutor;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.testsupport.fx.Screenshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The run summary panel in a plain window over the demo project's recorded runs. */
@ExtendWith(ApplicationExtension.class)
class RunSummaryIT {

  @TempDir static Path dir;

  private final RunCursor cursor = new RunCursor();
  private FxUiExecutor executor;
  private Project project;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    executor = new FxUiExecutor(1, Duration.ofSeconds(5));
    RunSummaryView view = new RunSummaryView(new RunSummaryViewModel(cursor, executor));
    stage.setScene(new Scene((javafx.scene.Parent) view.node(), 760, 900));
    stage.show();
  }

  @AfterEach
  void close() {
    executor.close();
    if (project != null) {
      project.close();
    }
  }

  private RunInfo open(RunStatus status) throws Exception {
    project = Project.open(DemoProject.ensure(dir.resolve("demo.bwproj")));
    RunInfo run =
        project.runs().list().stream()
            // The generator runs: their nodes are planner, coder and reviewer.
            .filter(r -> r.status() == status && r.workflow().equals("benchmark-generator"))
            .findFirst()
            .orElseThrow();
    long last = project.events().lastSeq(run.id());
    WaitForAsyncUtils.asyncFx(() -> cursor.select(project, run, last)).get(10, TimeUnit.SECONDS);
    return run;
  }

  @Test
  void theChartsShowTheTokensAndCostOfEachNodeAndTheOutcome(FxRobot robot) throws Exception {
    RunInfo run = open(RunStatus.SUCCEEDED);
    Map<String, long[]> expected = tokensPerNode(run);
    assertThat(expected.keySet()).containsExactly("planner", "coder", "reviewer");

    Label outcome = robot.lookup("#summary-outcome").queryAs(Label.class);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> outcome.getText().startsWith("Succeeded"));
    WaitForAsyncUtils.waitForFxEvents();

    BarChart<String, Number> tokens = robot.lookup("#summary-tokens-chart").queryAs(BarChart.class);
    XYChart.Series<String, Number> input = tokens.getData().get(0);
    XYChart.Series<String, Number> output = tokens.getData().get(1);
    assertThat(input.getData())
        .extracting(XYChart.Data::getXValue)
        .containsExactly("planner", "coder", "reviewer");
    long inputSum = 0;
    for (XYChart.Data<String, Number> d : input.getData()) {
      assertThat(d.getYValue().longValue())
          .as(d.getXValue())
          .isEqualTo(expected.get(d.getXValue())[0]);
      inputSum += d.getYValue().longValue();
    }
    for (XYChart.Data<String, Number> d : output.getData()) {
      assertThat(d.getYValue().longValue())
          .as(d.getXValue())
          .isEqualTo(expected.get(d.getXValue())[1]);
    }
    // The engine's own run totals agree with the per-node bars.
    assertThat(inputSum).isEqualTo(run.inputTokens());
    BarChart<String, Number> cost = robot.lookup("#summary-cost-chart").queryAs(BarChart.class);
    double costSum =
        cost.getData().getFirst().getData().stream()
            .mapToDouble(d -> d.getYValue().doubleValue())
            .sum();
    assertThat(costSum).isCloseTo(run.costUsd(), within(1e-9));
    LineChart<Number, Number> time = robot.lookup("#summary-time-chart").queryAs(LineChart.class);
    assertThat(time.getData().getFirst().getData())
        .hasSize((int) project.events().lastSeq(run.id()));

    String reason = project.runs().outcome(run.id()).orElseThrow()[1];
    String full = "Succeeded: " + reason;
    assertThat(outcome.getText()).isEqualTo(full.lines().findFirst().orElseThrow());
    assertThat(robot.lookup("#summary-reason").queryAs(Label.class).getText())
        .isEqualTo(full.substring(full.indexOf('\n') + 1).strip())
        .contains("All 5 seeds passed");
    assertThat(robot.lookup("#summary-totals").queryAs(Label.class).getText())
        .contains(String.format("%,d in", run.inputTokens()))
        .contains("verdicts");
    // Three nodes, two series in one chart and one in the other: nine bars drawn.
    assertThat(
            robot
                .lookup(".chart-bar")
                .match(n -> !n.getStyleClass().contains("bar-legend-symbol"))
                .queryAll())
        .hasSize(9);

    BufferedImage image = Screenshots.of(stage.getScene());
    assertThat(Screenshots.dominantColourShare(image)).isLessThan(0.9);
    // Modena's first series colour: the input-token bars are really painted.
    assertThat(Screenshots.pixelsNear(image, 0xf3622d, 30)).isGreaterThan(200);
    Screenshots.save(image, "run-summary.png");
  }

  @Test
  void aFailedRunShowsItsReason(FxRobot robot) throws Exception {
    RunInfo run = open(RunStatus.FAILED);
    Label outcome = robot.lookup("#summary-outcome").queryAs(Label.class);

    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> outcome.getText().startsWith("Failed"));

    String shown =
        outcome.getText() + "\n" + robot.lookup("#summary-reason").queryAs(Label.class).getText();
    assertThat(shown.strip())
        .isEqualTo(("Failed: " + project.runs().outcome(run.id()).orElseThrow()[1]).strip());
    assertThat(outcome.getStyleClass()).contains("failed");
  }

  /** input and output tokens per node, read straight from the recorded MODEL_RESPONSE events. */
  private Map<String, long[]> tokensPerNode(RunInfo run) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, long[]> byNode = new LinkedHashMap<>();
    for (RecordedEvent e : project.events().events(run.id(), 1, 100_000)) {
      if (e.type() == EventType.MODEL_RESPONSE) {
        JsonNode p = json.readTree(e.payloadJson());
        long[] t = byNode.computeIfAbsent(e.node(), n -> new long[2]);
        t[0] += p.get("input_tokens").asLong();
        t[1] += p.get("output_tokens").asLong();
      }
    }
    return byNode;
  }
}
