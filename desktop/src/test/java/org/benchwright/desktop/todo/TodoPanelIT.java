package org.benchwright.desktop.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.benchwright.desktop.run.RunCursor;
import org.benchwright.desktop.ui.FxUiExecutor;
import org.benchwright.engine.agent.AgentRuntime;
import org.benchwright.engine.agent.RunHandle;
import org.benchwright.engine.agent.RunOutcome;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.model.ModelGateway;
import org.benchwright.engine.model.PriceTable;
import org.benchwright.engine.model.ScriptedChatModel;
import org.benchwright.engine.model.ScriptedTurn;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.engine.project.TodoItem;
import org.benchwright.engine.workflow.Workflows;
import org.benchwright.testsupport.Poll;
import org.benchwright.testsupport.fx.Screenshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The TODO panel in a window over a real agent run (scripted model, planner with plan approval set
 * to "ask") that stops at its plan gate; decisions go to the real runtime.
 */
@ExtendWith(ApplicationExtension.class)
class TodoPanelIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private final RunCursor cursor = new RunCursor();
  private FxUiExecutor executor;
  private Project project;
  private ModelGateway gateway;
  private AgentRuntime runtime;
  private TodoPanelViewModel viewModel;
  private Stage stage;
  private ScheduledExecutorService follower;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    project = Project.create(dir.resolve("todo-" + System.nanoTime() + ".bwproj"));
    project.settings().put("workflow.benchmark-generator.planner.plan_approval", "\"ask\"");
    gateway =
        new ModelGateway(
            ApiKeys.of(Map.of(), dir.resolve("no-keys.properties")), PriceTable.defaults());
    runtime =
        Workflows.runtime(
            project,
            gateway,
            () -> {
              throw new IllegalStateException("the planner needs no sandbox");
            });
    executor = new FxUiExecutor(2, Duration.ofSeconds(5));
    viewModel = new TodoPanelViewModel(cursor, executor, runtime::decide, "alice");
    stage.setScene(
        new Scene(
            new javafx.scene.layout.StackPane(new TodoPanelView(viewModel).node()), 560, 640));
    stage.show();
  }

  @AfterEach
  void close() {
    if (follower != null) {
      follower.shutdownNow();
    }
    viewModel.dispose();
    runtime.close();
    executor.close();
    project.close();
  }

  private static String todo(String plan, String... items) {
    ObjectNode args = JSON.createObjectNode().put("plan", plan);
    var arr = args.putArray("items");
    for (String i : items) {
      arr.addObject().put("text", i).put("status", "todo");
    }
    return args.toString();
  }

  private static ScriptedTurn submit(String id, String outcome, String summary) {
    return ScriptedTurn.toolCall(
        id,
        "submit",
        JSON.createObjectNode().put("outcome", outcome).put("summary", summary).toString());
  }

  /** Starts a run on the script and lets the cursor follow it as the live-runs view would. */
  private RunHandle startRun(List<ScriptedTurn> turns) {
    ScriptedChatModel model = ScriptedChatModel.of(turns);
    gateway.register("scripted", cfg -> model);
    RunHandle run =
        runtime.start("benchmark-generator", "ramp task", ModelConfig.of("scripted", "script"));
    var info = project.runs().find(run.runId()).orElseThrow();
    WaitForAsyncUtils.waitForAsyncFx(
        10_000, () -> cursor.select(project, info, project.events().lastSeq(run.runId())));
    follower = Executors.newSingleThreadScheduledExecutor();
    follower.scheduleWithFixedDelay(
        () -> {
          long last = project.events().lastSeq(run.runId());
          Platform.runLater(() -> cursor.extendTo(last));
        },
        50,
        100,
        TimeUnit.MILLISECONDS);
    return run;
  }

  @Test
  void aPlanIsRejectedWithACommentThenRevisedAndApproved(FxRobot robot) throws Exception {
    RunHandle run =
        startRun(
            List.of(
                ScriptedTurn.toolCall("c1", "update_todo", todo("Make a ramp.", "ramp")),
                submit("c2", "planned", "a ramp"),
                ScriptedTurn.toolCall(
                    "c3",
                    "update_todo",
                    todo("Make a 15 degree ramp.", "15 degree ramp", "check the ball rolls")),
                submit("c4", "planned", "a 15 degree ramp"),
                submit("c5", "impossible", "stopping here")));
    long runId = run.runId();
    Poll.until(
        WAIT, () -> robot.lookup("#todo-reject").tryQuery().map(n -> n.isVisible()).orElse(false));
    Poll.until(WAIT, () -> status(runId) == RunStatus.WAITING_FOR_APPROVAL);
    // The gate is the run's now; the plan is the one at the cursor, which follows the run.
    Poll.until(WAIT, () -> label(robot, "#todo-plan").equals("Make a ramp."));

    robot.clickOn("#todo-reject"); // no comment yet
    Poll.until(WAIT, () -> !label(robot, "#todo-problem").isEmpty());
    assertThat(label(robot, "#todo-problem"))
        .isEqualTo("Write a comment for the agent: a rejection says what to change.");
    assertThat(count(runId, EventType.GATE_DECIDED)).isZero();

    robot.clickOn("#todo-comment").write("Say which tilt angle.");
    robot.clickOn("#todo-reject");
    Poll.until(WAIT, () -> label(robot, "#todo-result").equals("Decision recorded: rejected."));
    assertThat(decisions(runId))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .contains("\"decision\":\"rejected\"")
                    .contains("Say which tilt angle."));

    // The planner revises; the panel follows the run to the second gate.
    Poll.until(
        WAIT, () -> label(robot, "#todo-plan").equals("Make a 15 degree ramp.") && gatePending());
    assertThat(viewModel.items())
        .extracting(TodoItem::text)
        .containsExactly("15 degree ramp", "check the ball rolls");
    assertThat(label(robot, "#todo-heading")).startsWith("Plan revision 2");
    Screenshots.save(stage.getScene(), "todo-panel.png");

    robot.clickOn("#todo-approve");
    Poll.until(WAIT, () -> label(robot, "#todo-result").equals("Decision recorded: approved."));
    RunOutcome outcome = run.outcome().get(1, TimeUnit.MINUTES);
    assertThat(outcome.reason()).contains("stopping here");
    assertThat(decisions(runId))
        .hasSize(2)
        .last()
        .satisfies(p -> assertThat(p).contains("\"decision\":\"approved\""));
    Poll.until(WAIT, () -> !gatePending());
  }

  @Test
  void aPlanIsEditedThenApproved(FxRobot robot) throws Exception {
    RunHandle run =
        startRun(
            List.of(
                ScriptedTurn.toolCall("c1", "update_todo", todo("Make a ramp.", "ramp", "servo")),
                submit("c2", "planned", "a ramp"),
                submit("c3", "impossible", "stopping here")));
    long runId = run.runId();
    Poll.until(
        WAIT, () -> robot.lookup("#todo-edit").tryQuery().map(n -> n.isVisible()).orElse(false));

    robot.clickOn("#todo-edit");
    Poll.until(WAIT, () -> robot.lookup("#todo-edit-item-2").tryQuery().isPresent());
    TextField first = robot.lookup("#todo-edit-item-1").queryAs(TextField.class);
    robot.doubleClickOn(first).eraseText(4).write("ramp at 12 degrees");
    robot.clickOn("#todo-remove-item-2");
    robot.clickOn("#todo-add-item");
    Poll.until(WAIT, () -> robot.lookup("#todo-edit-item-2").tryQuery().isPresent());
    robot.clickOn("#todo-edit-item-2").write("measure the angle");
    robot.clickOn("#todo-edit-plan");
    robot.interact(() -> viewModel.editedPlanProperty().set("A 12 degree ramp, no servo."));
    robot.clickOn("#todo-approve-edited");

    Poll.until(
        WAIT, () -> label(robot, "#todo-result").equals("Decision recorded: edited and approved."));
    run.outcome().get(1, TimeUnit.MINUTES);
    assertThat(decisions(runId))
        .singleElement()
        .satisfies(p -> assertThat(p).contains("\"decision\":\"edited\""));
    var latest = project.plans().latest(runId).orElseThrow();
    assertThat(latest.planText()).isEqualTo("A 12 degree ramp, no servo.");
    assertThat(latest.items())
        .extracting(TodoItem::text)
        .containsExactly("ramp at 12 degrees", "measure the angle");
    Poll.until(WAIT, () -> label(robot, "#todo-plan").equals("A 12 degree ramp, no servo."));
  }

  private boolean gatePending() {
    try {
      return WaitForAsyncUtils.asyncFx(() -> viewModel.gatePendingProperty().get())
          .get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private RunStatus status(long runId) {
    return project.runs().find(runId).orElseThrow().status();
  }

  private long count(long runId, EventType type) {
    return project.events().events(runId, 1, 100_000).stream()
        .filter(e -> e.type() == type)
        .count();
  }

  private List<String> decisions(long runId) {
    return project.events().events(runId, 1, 100_000).stream()
        .filter(e -> e.type() == EventType.GATE_DECIDED)
        .map(RecordedEvent::payloadJson)
        .toList();
  }

  private static String label(FxRobot robot, String id) {
    String text = robot.lookup(id).queryAs(Label.class).getText();
    return text == null ? "" : text;
  }
}
