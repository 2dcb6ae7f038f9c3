package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.benchwright.engine.agent.AgentHarness.args;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.engine.project.TodoItem;
import org.benchwright.testsupport.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Human gates and run control over a real run (model stub; no sandbox needed). */
class GatesAndControlIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private static ConversationScript planThenGiveUp() {
    ConversationScript s = new ConversationScript();
    s.planner();
    s.role("coder", s.call("submit", args("outcome", "impossible", "summary", "stopping here")));
    return s;
  }

  @Test
  void aPlanIsRejectedWithACommentThenEditedAndApproved() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      h.project.settings().put("workflow.benchmark-generator.planner.plan_approval", "\"ask\"");
      h.stub.respondWith(planThenGiveUp()::answer);
      RunHandle run = h.runtime.start("benchmark-generator", "ramp task", h.model());

      Poll.until(WAIT, () -> status(h, run) == RunStatus.WAITING_FOR_APPROVAL);
      assertThat(h.project.approvals().pending(run.runId()))
          .hasValueSatisfying(g -> assertThat(g.kind()).isEqualTo("plan"));
      h.runtime.decide(run.runId(), new Decision.Reject("alice", "Say which tilt angle."));

      Poll.until(
          WAIT,
          () ->
              status(h, run) == RunStatus.WAITING_FOR_APPROVAL
                  && gates(h, run, EventType.GATE_OPENED) == 2);
      h.runtime.decide(
          run.runId(),
          new Decision.EditThenApprove(
              "alice",
              "Make a 15 degree ramp.",
              List.of(new TodoItem("15 degree ramp", "todo", null))));

      RunOutcome outcome = run.outcome().get(2, TimeUnit.MINUTES);
      assertThat(outcome.reason()).contains("stopping here");
      List<RecordedEvent> events = h.events(run.runId());
      assertThat(
              events.stream()
                  .filter(e -> e.type() == EventType.GATE_DECIDED)
                  .map(RecordedEvent::payloadJson))
          .satisfiesExactly(
              first ->
                  assertThat(first)
                      .contains("\"decision\":\"rejected\"")
                      .contains("Say which tilt angle."),
              second ->
                  assertThat(second)
                      .contains("\"decision\":\"edited\"")
                      .contains("15 degree ramp"));
      assertThat(events)
          .anySatisfy(
              e ->
                  assertThat(e.payloadJson())
                      .contains("A human rejected the plan: Say which tilt angle."));
      assertThat(h.project.plans().latest(run.runId()).orElseThrow().planText())
          .isEqualTo("Make a 15 degree ramp.");
      // The coder started from the edited plan.
      assertThat(
              events.stream()
                  .filter(e -> e.type() == EventType.USER_MESSAGE && "coder".equals(e.node())))
          .anySatisfy(e -> assertThat(e.payloadJson()).contains("15 degree ramp"));
    }
  }

  @Test
  void aToolSetToAskWaitsForAHumanAndARefusalGoesBackToTheModel() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      h.project.settings().put("tool.approval.write_file", "\"ask\"");
      h.project.settings().put("tool.approval.run_command", "\"never\"");
      ConversationScript s = new ConversationScript();
      s.planner();
      s.role(
          "coder",
          s.call("run_command", args("command", "rm -rf /")),
          s.call("write_file", args("path", "a.py", "content", "print(1)")),
          s.call("submit", args("outcome", "impossible", "summary", "blocked")));
      h.stub.respondWith(s::answer);
      RunHandle run = h.runtime.start("benchmark-generator", "t", h.model());
      Poll.until(WAIT, () -> status(h, run) == RunStatus.WAITING_FOR_APPROVAL);
      assertThat(h.project.approvals().pending(run.runId()))
          .hasValueSatisfying(g -> assertThat(g.kind()).isEqualTo("tool:write_file"));
      h.runtime.decide(run.runId(), new Decision.Reject("bob", "not that file"));
      run.outcome().get(2, TimeUnit.MINUTES);
      List<String> results =
          h.events(run.runId()).stream()
              .filter(e -> e.type() == EventType.TOOL_RESULT && "coder".equals(e.node()))
              .map(RecordedEvent::payloadJson)
              .toList();
      assertThat(results.get(0)).contains("does not allow run_command");
      assertThat(results.get(1)).contains("A human declined this call: not that file");
      assertThat(h.project.files().filesAt(run.runId(), Long.MAX_VALUE)).isEmpty();
    }
  }

  @Test
  void aPausedRunStepsOneEventAtATimeResumesAndCanBeCancelled() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      h.stub.respondWith(planThenGiveUp()::answer);
      RunHandle run = h.runtime.start("benchmark-generator", "t", h.model(), true);
      Thread.sleep(300);
      assertThat(h.events(run.runId())).isEmpty();
      for (int i = 1; i <= 4; i++) {
        run.control().step();
        int expected = i;
        Poll.until(WAIT, () -> h.events(run.runId()).size() == expected);
        Thread.sleep(150);
        assertThat(h.events(run.runId())).as("after step %d", i).hasSize(i);
      }
      assertThat(h.events(run.runId()))
          .extracting(RecordedEvent::type)
          .containsExactly(
              EventType.RUN_STARTED,
              EventType.NODE_TRANSITION,
              EventType.USER_MESSAGE,
              EventType.MODEL_REQUEST);
      run.control().cancel();
      RunOutcome outcome = run.outcome().get(1, TimeUnit.MINUTES);
      assertThat(outcome.status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(status(h, run)).isEqualTo(RunStatus.CANCELLED);
      assertThat(h.events(run.runId()).getLast().type()).isEqualTo(EventType.OUTCOME);

      RunHandle second = h.runtime.start("benchmark-generator", "t", h.model(), true);
      run.control().resume(); // resuming an ended run's control does nothing
      second.control().resume();
      assertThat(second.outcome().get(2, TimeUnit.MINUTES).reason()).contains("stopping here");
    }
  }

  @Test
  void aNodeCanUseAnotherModelThanTheRun() throws Exception {
    try (AgentHarness h = new AgentHarness(dir);
        var other = org.benchwright.engine.model.OpenAiStub.start()) {
      ConversationScript s = planThenGiveUp();
      h.stub.respondWith(s::answer);
      other.respondWith(s::answer);
      var coderModel =
          new org.benchwright.engine.model.ModelConfig(
              "openai-compatible",
              "coder-model",
              other.baseUrl(),
              0.0,
              null,
              java.time.Duration.ofSeconds(20),
              1);
      h.project.settings().put("workflow.benchmark-generator.coder.model", coderModel.toJson());
      RunHandle run = h.runtime.start("benchmark-generator", "t", h.model());
      run.outcome().get(2, TimeUnit.MINUTES);
      assertThat(h.stub.requests()).hasSize(2); // planner's two turns
      assertThat(other.requests()).hasSize(1); // coder's one turn
      assertThat(other.requests().getFirst().json().get("model").asText()).isEqualTo("coder-model");
    }
  }

  @Test
  void aReviewerWhoNeverApprovesEndsTheRunAfterALimitedNumberOfRounds() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      ConversationScript s = new ConversationScript();
      s.planner();
      s.role("coder", s.call("submit", args("outcome", "done", "summary", "here it is")));
      s.role(
          "reviewer", s.call("submit", args("outcome", "rejected", "summary", "not good enough")));
      h.stub.respondWith(s::answer);
      RunOutcome outcome =
          h.runtime.start("benchmark-generator", "t", h.model()).outcome().get(2, TimeUnit.MINUTES);
      assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
      assertThat(outcome.reason())
          .contains("was sent work " + AgentRun.MAX_VISITS + " times")
          .contains("not good enough");
    }
  }

  private static RunStatus status(AgentHarness h, RunHandle run) {
    return h.project.runs().find(run.runId()).orElseThrow().status();
  }

  private static long gates(AgentHarness h, RunHandle run, EventType type) {
    return h.events(run.runId()).stream().filter(e -> e.type() == type).count();
  }
}
