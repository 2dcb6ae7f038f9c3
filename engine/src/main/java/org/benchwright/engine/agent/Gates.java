package org.benchwright.engine.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.project.Approvals;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.PlanRevision;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.RunStatus;

/**
 * The human gates of a run: the plan gate after a node that asks for approval, and the per-tool
 * approval policy. A gate is recorded as opened before the run waits and as decided after, so a run
 * that dies while waiting comes back to the same open gate.
 */
final class Gates {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunLog log;
  private final WorkflowDefinition workflow;
  private final java.util.function.Supplier<RunState> state;
  private final BlockingQueue<Decision> decisions = new LinkedBlockingQueue<>();

  Gates(RunLog log, WorkflowDefinition workflow, java.util.function.Supplier<RunState> state) {
    this.log = log;
    this.workflow = workflow;
    this.state = state;
  }

  void decide(Decision d) {
    decisions.add(d);
  }

  /** Per-tool approval policy from settings: always (default), ask, never. */
  Optional<String> toolGate(String node, ToolExecutionRequest call) {
    String policy =
        RunSettings.text(project(), state.get(), "tool.approval." + call.name()).orElse("always");
    if (policy.equals("never")) {
      return Optional.of("the project does not allow " + call.name() + ".");
    }
    if (!policy.equals("ask")) {
      return Optional.empty();
    }
    ObjectNode subject =
        JSON.createObjectNode().put("tool", call.name()).put("arguments", call.arguments());
    Decision d = awaitDecision(node, "tool:" + call.name(), subject);
    return d instanceof Decision.Reject r ? Optional.of(r.comment()) : Optional.empty();
  }

  /** Opens the plan gate if this node asks for one; returns the rejection comment if rejected. */
  Optional<String> planGate(String node, String summary) {
    WorkflowDefinition.Node def = workflow.nodes().get(node);
    if (def == null) {
      return Optional.empty(); // an epilogue has no plan to approve
    }
    String policy =
        RunSettings.text(
                project(),
                state.get(),
                "workflow." + workflow.name() + "." + node + ".plan_approval")
            .orElse(def.planApproval() == null ? "none" : def.planApproval());
    if (!policy.equals("ask")) {
      return Optional.empty();
    }
    ObjectNode subject = JSON.createObjectNode().put("summary", summary);
    project()
        .plans()
        .latest(log.runId())
        .ifPresent(p -> subject.put("plan", render(p)).put("revision", p.revision()));
    Decision d = awaitDecision(node, "plan", subject);
    if (d instanceof Decision.EditThenApprove e) {
      project().plans().revise(log.runId(), "human", e.planText(), e.items());
    }
    return d instanceof Decision.Reject r ? Optional.of(r.comment()) : Optional.empty();
  }

  static String render(PlanRevision p) {
    StringBuilder sb = new StringBuilder(p.planText()).append('\n');
    p.items()
        .forEach(
            i -> sb.append("- [").append(i.status()).append("] ").append(i.text()).append('\n'));
    return sb.toString();
  }

  private Decision awaitDecision(String node, String kind, ObjectNode subject) {
    long runId = log.runId();
    Approvals.Gate gate =
        project().approvals().pending(runId).filter(g -> g.kind().equals(kind)).orElse(null);
    Decision d;
    if (gate == null) {
      // A new gate comes after every gate recorded so far, so whether its decision is reused is
      // known before it is opened, and the run's status can change in the same transaction.
      d = reused(kind, Long.MAX_VALUE).orElse(null);
      gate = project().approvals().open(runId, node, kind, subject, d == null);
    } else {
      d = reused(kind, gate.gateSeq()).orElse(null);
      if (d == null) {
        project().runs().setStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
      }
    }
    while (d == null) {
      log.control().awaitTurn();
      try {
        d = decisions.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunControl.Cancelled();
      }
    }
    String decision =
        switch (d) {
          case Decision.Approve a -> "approved";
          case Decision.Reject r -> "rejected";
          case Decision.EditThenApprove e -> "edited";
        };
    ObjectNode change = null;
    if (d instanceof Decision.EditThenApprove e) {
      change = JSON.createObjectNode().put("plan", e.planText());
      change.set("items", JSON.valueToTree(e.items()));
    }
    project()
        .approvals()
        .decide(
            gate,
            node,
            decision,
            d instanceof Decision.Reject r ? r.comment() : null,
            d.decidedBy(),
            change);
    project().runs().setStatus(runId, RunStatus.RUNNING);
    return d;
  }

  /**
   * In a fork made to reuse decisions, the decision the parent recorded for the same gate: the k-th
   * gate of this kind the fork opened takes the parent's k-th decision of that kind after the fork
   * point. Recorded as reused, with the original decider, so it is never silent.
   */
  /** The parent's decision this gate (of a kind, opened at {@code gateSeq}) takes, if reused. */
  private Optional<Decision> reused(String kind, long gateSeq) {
    RunState s = state.get();
    if (s == null || s.reuse == null) {
      return Optional.empty();
    }
    RunState.Reuse reuse = s.reuse;
    long opened;
    try (var gates =
        project().events().stream(
            log.runId(), reuse.forkEventSeq(), java.util.Set.of(EventType.GATE_OPENED))) {
      opened =
          gates
              .filter(e -> e.seq() < gateSeq)
              .filter(e -> e.payload(EventPayload.GateOpened.class).kind().equals(kind))
              .count();
    }
    Optional<RunInfo> parent = project().runs().findByUid(reuse.parentUid());
    if (parent.isEmpty()) {
      return Optional.empty();
    }
    Optional<EventPayload.GateDecided> recorded;
    try (var decided =
        project().events().stream(
            parent.get().id(), reuse.atSeq() + 1, java.util.Set.of(EventType.GATE_DECIDED))) {
      recorded =
          decided
              .map(e -> e.payload(EventPayload.GateDecided.class))
              .filter(g -> g.kind().equals(kind))
              .skip(opened)
              .findFirst();
    }
    return recorded.map(
        g -> {
          String by =
              "reused from run "
                  + reuse.parentUid()
                  + " (decided by "
                  + (g.decidedBy() == null ? "someone" : g.decidedBy())
                  + ")";
          return switch (g.decision()) {
            case "rejected" ->
                new Decision.Reject(by, g.comment() == null ? "rejected" : g.comment());
            case "edited" ->
                new Decision.EditThenApprove(
                    by,
                    g.change().path("plan").asText(),
                    JSON.convertValue(
                        g.change().path("items"),
                        new com.fasterxml.jackson.core.type.TypeReference<
                            java.util.List<org.benchwright.engine.project.TodoItem>>() {}));
            default -> new Decision.Approve(by);
          };
        });
  }

  private Project project() {
    return log.project();
  }
}
