package org.benchwright.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlansAndApprovalsTest {

  @TempDir Path dir;

  @Test
  void theTodoListAtAStepIsTheNewestRevisionAtOrBeforeIt() {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      long run = p.runs().create(new NewRun("wf", "t", "{}")).id();
      PlanRevision r1 =
          p.plans()
              .revise(run, "planner", "Build a ramp.", List.of(new TodoItem("ramp", "todo", null)));
      p.events().append(run, Event.of(EventType.NOTE, null, "{}"));
      PlanRevision r2 =
          p.plans()
              .revise(
                  run,
                  "coder",
                  "Build a ramp.",
                  List.of(new TodoItem("ramp", "done", null), new TodoItem("bin", "doing", null)));
      assertThat(r1.revision()).isEqualTo(1);
      assertThat(r2.revision()).isEqualTo(2);
      assertThat(p.plans().at(run, r2.seq() - 1).orElseThrow().items())
          .containsExactly(new TodoItem("ramp", "todo", null));
      assertThat(p.plans().latest(run).orElseThrow().items()).hasSize(2);
      assertThat(p.plans().at(run, r1.seq() - 1)).isEmpty();
      assertThat(p.events().events(run, r2.seq(), 1).getFirst().type())
          .isEqualTo(EventType.TODO_CHANGE);
    }
  }

  @Test
  void aRefusedItemNeedsProof() {
    assertThatThrownBy(() -> new TodoItem("x", "refused", " ")).hasMessageContaining("proof");
    assertThatThrownBy(() -> new TodoItem("x", "finished", null)).hasMessageContaining("one of");
  }

  @Test
  void aGateIsOpenedThenDecidedOnce() {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      long run = p.runs().create(new NewRun("wf", "t", "{}")).id();
      Approvals.Gate gate =
          p.approvals()
              .open(run, "planner", "plan", new ObjectMapper().createObjectNode().put("plan", "x"));
      assertThat(p.approvals().pending(run))
          .hasValueSatisfying(g -> assertThat(g.kind()).isEqualTo("plan"));
      p.approvals().decide(gate, "planner", "rejected", "too vague", "alice", null);
      assertThat(p.approvals().pending(run)).isEmpty();
      assertThatThrownBy(() -> p.approvals().decide(gate, "planner", "approved", null, "bob", null))
          .hasMessageContaining("already decided");
      assertThat(p.events().events(run, 1, 10))
          .extracting(RecordedEvent::type)
          .containsExactly(EventType.GATE_OPENED, EventType.GATE_DECIDED);
    }
  }

  @Test
  void pendingGatesAcrossRunsAreListedOldestFirstAndADecidedOneIsFoundWithItsDecision() {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      var subject = new ObjectMapper().createObjectNode();
      long a = p.runs().create(new NewRun("wf", "a", "{}")).id();
      long b = p.runs().create(new NewRun("wf", "b", "{}")).id();
      Approvals.Gate first = p.approvals().open(a, "planner", "plan", subject);
      Approvals.Gate second = p.approvals().open(b, "coder", "tool:run", subject);
      assertThat(p.approvals().pending()).containsExactly(first, second);

      p.approvals().decide(first, "planner", "rejected", "too vague", "alice", null);
      assertThat(p.approvals().pending()).containsExactly(second);
      assertThat(p.approvals().find(first.id()))
          .hasValueSatisfying(
              g -> {
                assertThat(g.pending()).isFalse();
                assertThat(g.decision()).isEqualTo("rejected");
                assertThat(g.comment()).isEqualTo("too vague");
              });
      assertThat(p.approvals().find(second.id() + 100)).isEmpty();
    }
  }
}
