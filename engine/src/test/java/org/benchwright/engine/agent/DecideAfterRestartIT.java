package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.benchwright.engine.agent.AgentHarness.args;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.model.OpenAiStub;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.testsupport.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run waits at its plan gate in a `benchwright run` process that is then killed. Another process
 * (here: a fresh runtime over the reopened project) decides the gate: the decision is recorded and
 * the run goes on from its log. The planner needs no sandbox, so no Docker.
 */
class DecideAfterRestartIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private static ConversationScript planThenGiveUp() {
    ConversationScript s = new ConversationScript();
    s.planner();
    s.role("coder", s.call("submit", args("outcome", "impossible", "summary", "stopping here")));
    return s;
  }

  @Test
  void aGateLeftPendingByADeadProcessIsDecidedAndTheRunResumes() throws Exception {
    Path file = dir.resolve("agent.bwproj");
    try (Project p = Project.create(file)) {
      p.settings().put("workflow.benchmark-generator.planner.plan_approval", "\"ask\"");
    }
    // The run keeps the model's address; the same stub answers it after the restart.
    try (OpenAiStub stub = OpenAiStub.start();
        Project p = runUntilTheGateThenKill(file, stub)) {
      long runId = p.runs().list().getFirst().id();
      assertThat(p.runs().find(runId).orElseThrow().status())
          .isEqualTo(RunStatus.WAITING_FOR_APPROVAL);
      long before = p.events().lastSeq(runId);
      try (AgentHarness h = new AgentHarness(p, dir)) {
        assertThat(h.runtime.handle(runId)).isEmpty();

        h.runtime.decide(runId, new Decision.Reject("alice", "Name the ramp's angle."));

        Poll.until(WAIT, () -> count(h, runId, EventType.GATE_OPENED) == 2);
        h.runtime.decide(runId, new Decision.Approve("alice"));
        RunOutcome outcome =
            h.runtime.handle(runId).orElseThrow().outcome().get(2, TimeUnit.MINUTES);
        assertThat(outcome.reason()).contains("stopping here");

        List<RecordedEvent> events = h.events(runId);
        assertThat(events.stream().filter(e -> e.seq() <= before)).hasSize((int) before);
        assertThat(
                events.stream()
                    .filter(e -> e.type() == EventType.GATE_DECIDED)
                    .map(RecordedEvent::payloadJson))
            .satisfiesExactly(
                first ->
                    assertThat(first)
                        .contains("\"decision\":\"rejected\"")
                        .contains("Name the ramp's angle."),
                second -> assertThat(second).contains("\"decision\":\"approved\""));
        // The planner was told why and revised its plan.
        assertThat(events)
            .anySatisfy(
                e ->
                    assertThat(e.payloadJson())
                        .contains("A human rejected the plan: Name the ramp's angle."));
        assertThat(p.plans().latest(runId).orElseThrow().revision()).isEqualTo(2);
        assertThat(p.approvals().pending(runId)).isEmpty();
      }
    }
  }

  @Test
  void decidingARunWithNoPendingGateIsRefusedAndRecordsNothing() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      h.stub.respondWith(planThenGiveUp()::answer);
      RunHandle run = h.runtime.start("benchmark-generator", "t", h.model(), true);
      // Live but at no gate: a decision must not linger and decide a gate that opens later.
      assertThatThrownBy(() -> h.runtime.decide(run.runId(), new Decision.Approve("bob")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("Run " + run.runId() + " has no gate waiting for a decision.");
      h.project.settings().put("workflow.benchmark-generator.planner.plan_approval", "\"ask\"");
      run.control().resume();
      Poll.until(WAIT, () -> h.project.approvals().pending(run.runId()).isPresent());
      Thread.sleep(300);
      assertThat(count(h, run.runId(), EventType.GATE_DECIDED)).isZero();
      h.runtime.decide(run.runId(), new Decision.Approve("bob"));
      run.outcome().get(2, TimeUnit.MINUTES);
      long last = h.project.events().lastSeq(run.runId());

      assertThatThrownBy(() -> h.runtime.decide(run.runId(), new Decision.Approve("bob")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("Run " + run.runId() + " has no gate waiting for a decision.");
      assertThat(h.project.events().lastSeq(run.runId())).isEqualTo(last);
      assertThat(h.runtime.handle(run.runId())).isEmpty();
    }
  }

  /** Runs `benchwright run` until the plan gate opens, kills it and reopens the project. */
  private static Project runUntilTheGateThenKill(Path file, OpenAiStub stub) throws Exception {
    stub.respondWith(planThenGiveUp()::answer);
    CliRunChild.runAndKill(
        file, "ramp task", stub, "the plan gate", line -> line.contains("GATE_OPENED"));
    return Project.open(file);
  }

  private static long count(AgentHarness h, long runId, EventType type) {
    return h.events(runId).stream().filter(e -> e.type() == type).count();
  }
}
