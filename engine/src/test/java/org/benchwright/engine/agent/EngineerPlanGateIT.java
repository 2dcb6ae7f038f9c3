package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.benchwright.engine.agent.AgentHarness.args;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.PlanRevision;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.testsupport.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engineer's plan waits for a human by default; a rejection with a comment sends the planner
 * back, and the revised plan, once approved, is what the engineer starts from. Model stub, no
 * sandbox: nothing here runs generated code.
 */
class EngineerPlanGateIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  static final String CNC_PLAN = "A CNC-milled aluminium ramp under the drop point.";
  static final String PLA_PLAN = "A 3D-printed PLA ramp under the drop point, tilted 20 degrees.";
  static final String COMMENT = "CNC is too expensive at 100 units: print it in PLA.";

  @Test
  void aPlanRejectedWithACommentIsRevisedAndTheApprovedRevisionReachesTheEngineer()
      throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      long benchmark = DropBenchmark.store(h.project);
      ConversationScript s = new ConversationScript();
      s.role(
          "planner",
          s.call("update_todo", plan(CNC_PLAN, "mill the ramp")),
          s.call("submit", args("outcome", "planned", "summary", "CNC ramp.")));
      s.whenOpening(
          "planner",
          "A human rejected the plan",
          s.call("update_todo", plan(PLA_PLAN, "print the ramp in PLA")),
          s.call("submit", args("outcome", "planned", "summary", "Printed PLA ramp.")));
      h.stub.respondWith(s::answer);

      RunHandle run = h.runtime.start("engineer", "Solve benchmark " + benchmark + ".", h.model());
      Poll.until(WAIT, () -> status(h, run) == RunStatus.WAITING_FOR_APPROVAL);
      assertThat(h.project.approvals().pending(run.runId()))
          .hasValueSatisfying(g -> assertThat(g.kind()).isEqualTo("plan"));
      h.runtime.decide(run.runId(), new Decision.Reject("alice", COMMENT));

      Poll.until(
          WAIT,
          () ->
              status(h, run) == RunStatus.WAITING_FOR_APPROVAL
                  && count(h, run, EventType.GATE_OPENED) == 2);
      h.runtime.decide(run.runId(), new Decision.Approve("alice"));

      Poll.until(
          WAIT,
          () ->
              h.events(run.runId()).stream()
                  .anyMatch(
                      e -> e.type() == EventType.USER_MESSAGE && "engineer".equals(e.node())));
      run.control().cancel();
      assertThat(run.outcome().get(1, TimeUnit.MINUTES).status()).isEqualTo(RunStatus.CANCELLED);

      List<RecordedEvent> events = h.events(run.runId());
      // The human saw each plan in its gate.
      assertThat(EngineerWorkflowIT.payloads(events, EventType.GATE_OPENED))
          .satisfiesExactly(
              first -> assertThat(first).contains(CNC_PLAN),
              second -> assertThat(second).contains(PLA_PLAN).doesNotContain(CNC_PLAN));
      assertThat(EngineerWorkflowIT.payloads(events, EventType.GATE_DECIDED))
          .satisfiesExactly(
              first -> assertThat(first).contains("\"decision\":\"rejected\"").contains(COMMENT),
              second -> assertThat(second).contains("\"decision\":\"approved\""));
      // The planner's second conversation opens with the human's comment.
      assertThat(h.stub.requests())
          .anySatisfy(
              r ->
                  assertThat(r.body())
                      .contains("A human rejected the plan: " + COMMENT)
                      .contains("You are the planner"));
      // Both revisions are kept; the engineer started from the approved one.
      PlanRevision latest = h.project.plans().latest(run.runId()).orElseThrow();
      assertThat(latest.planText()).isEqualTo(PLA_PLAN);
      assertThat(latest.revision()).isEqualTo(2);
      // (the engineer may have been nudged before the cancel: its opening message is the first)
      assertThat(
              events.stream()
                  .filter(e -> e.type() == EventType.USER_MESSAGE && "engineer".equals(e.node()))
                  .map(RecordedEvent::payloadJson)
                  .findFirst())
          .hasValueSatisfying(p -> assertThat(p).contains(PLA_PLAN).doesNotContain(CNC_PLAN));
      // The benchmark was copied into the run before the planner started.
      assertThat(h.project.files().fileAt(run.runId(), "benchmark/scene.xml", Long.MAX_VALUE))
          .isPresent();
      assertThat(h.project.files().fileAt(run.runId(), "benchmark/benchmark.json", Long.MAX_VALUE))
          .isPresent();
    }
  }

  @Test
  void aTaskThatNamesNoStoredBenchmarkFailsAtOnceSayingWhichExist() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      long benchmark = DropBenchmark.store(h.project);
      h.stub.respondWith(new ConversationScript().planner()::answer);
      RunOutcome outcome =
          h.runtime
              .start("engineer", "Solve benchmark 999.", h.model())
              .outcome()
              .get(1, TimeUnit.MINUTES);
      assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
      assertThat(outcome.reason())
          .contains("no benchmark 999")
          .contains(benchmark + " 'Dropped ball to a goal'");
      assertThat(h.stub.callCount()).isZero();
    }
  }

  private static String plan(String text, String item) {
    return args("plan", text, "items", List.of(Map.of("text", item, "status", "todo")));
  }

  private static RunStatus status(AgentHarness h, RunHandle run) {
    return h.project.runs().find(run.runId()).orElseThrow().status();
  }

  private static long count(AgentHarness h, RunHandle run, EventType type) {
    return h.events(run.runId()).stream().filter(e -> e.type() == type).count();
  }
}
