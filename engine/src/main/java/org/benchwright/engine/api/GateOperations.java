package org.benchwright.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.benchwright.engine.agent.Decision;
import org.benchwright.engine.project.Approvals;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.PlanRevision;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.TodoItem;

/**
 * Human gates: the pending ones across runs, one run's, and a decision on it (approve, reject with
 * a comment, edit then approve), handed to the engine the way the TODO panel hands it over.
 */
final class GateOperations {

  /** How long a decision may take to be recorded by the run before the answer says it is not. */
  static final Duration RECORD_WAIT = Duration.ofSeconds(30);

  private final Service s;

  /**
   * One lock per run: a decision is consumed by the run's own thread after the call that hands it
   * over returns, so two decisions let through together could both reach the engine and the second
   * would decide whatever gate opens next.
   */
  private final Map<Long, Object> deciding = new ConcurrentHashMap<>();

  // Run -> the gate whose decision was handed to the run but not yet recorded (answered 202).
  private final Map<Long, Long> handedOver = new ConcurrentHashMap<>();

  private GateOperations(Service s) {
    this.s = s;
  }

  static void register(Routes r, Service s) {
    GateOperations g = new GateOperations(s);
    r.get("/gates", "listGates", g::list);
    r.get("/runs/{runId}/gate", "getRunGate", g::ofRun);
    r.post("/runs/{runId}/gate", "decideGate", g::decide);
  }

  private Reply list(Call call) {
    Optional<Long> run = call.queryLong("run");
    run.ifPresent(
        id -> {
          if (s.project().runs().find(id).isEmpty()) {
            throw ApiProblem.notFound("No run " + id + " in this project.");
          }
        });
    ObjectNode body = ApiServer.JSON.createObjectNode();
    var gates = body.putArray("gates");
    s.project().approvals().pending().stream()
        .filter(g -> run.isEmpty() || g.runId() == run.get())
        .forEach(g -> gates.add(view(g)));
    return Reply.ok(body);
  }

  private Reply ofRun(Call call) {
    RunInfo run = RunOperations.run(s, call);
    Approvals.Gate g =
        s.project()
            .approvals()
            .pending(run.id())
            .orElseThrow(() -> ApiProblem.notFound(noGate(run)));
    return Reply.ok(view(g));
  }

  private Reply decide(Call call) throws InterruptedException {
    RunInfo run = RunOperations.run(s, call);
    JsonNode b = call.body();
    synchronized (deciding.computeIfAbsent(run.id(), id -> new Object())) {
      Optional<Approvals.Gate> pending = s.project().approvals().pending(run.id());
      if (b.hasNonNull("gate")) {
        long asked = b.get("gate").asLong();
        if (pending.isEmpty() || pending.get().id() != asked) {
          throw ApiProblem.conflict(stale(run, asked, pending));
        }
      }
      Approvals.Gate gate = pending.orElseThrow(() -> ApiProblem.conflict(noGate(run)));
      // A decision answered 202 waits in the run's queue, its gate still pending: a retry must not
      // queue a second one, which would then decide the next gate, one nobody has seen.
      Long waiting = handedOver.get(run.id());
      if (waiting != null && waiting == gate.id() && decidedSeq(gate).isEmpty()) {
        throw ApiProblem.conflict(
            "A decision on gate "
                + gate.id()
                + " of run "
                + run.id()
                + " was handed to the run and is not recorded yet (is the run paused?). Resume the"
                + " run, then read GET /runs/"
                + run.id()
                + "/gate again.");
      }
      Decision decision = decision(run, gate, b);
      s.runs().decide(run.id(), decision);
      boolean recorded = awaitRecorded(gate);
      if (recorded) {
        handedOver.remove(run.id());
      } else {
        handedOver.put(run.id(), gate.id());
      }
      ObjectNode body = ApiServer.JSON.createObjectNode();
      body.put("gate", gate.id());
      body.put("run", run.id());
      body.put("kind", gate.kind());
      body.put("decision", b.get("decision").asText());
      body.put("by", decision.decidedBy());
      body.put("recorded", recorded);
      body.put("seq", recorded ? decidedSeq(gate).orElse(null) : null);
      body.put("status", s.project().runs().find(run.id()).orElseThrow().status().name());
      return new Reply.Json(
          recorded ? 200 : 202, body, Map.of("Location", "/runs/" + run.id() + "/gate"));
    }
  }

  /** The decision a body asks for, refused (422) when it does not fit this gate. */
  private Decision decision(RunInfo run, Approvals.Gate gate, JsonNode b) {
    String what = b.get("decision").asText();
    String by = b.get("by").asText();
    String comment = b.hasNonNull("comment") ? b.get("comment").asText() : null;
    boolean edits = b.hasNonNull("plan") || b.hasNonNull("todo");
    if (!what.equals("edit") && edits) {
      throw ApiProblem.unprocessable(
          "plan and todo change the plan: send them with decision \"edit\", not \"" + what + "\".");
    }
    return switch (what) {
      case "approve" -> {
        if (comment != null) {
          throw ApiProblem.unprocessable(
              "An approval carries no comment (the agent would never read it): reject with the"
                  + " comment, or approve without one.");
        }
        yield new Decision.Approve(by);
      }
      case "reject" -> {
        if (comment == null || comment.isBlank()) {
          throw ApiProblem.unprocessable(
              "A rejection needs a comment for the agent: say what to change.");
        }
        yield new Decision.Reject(by, comment.strip());
      }
      default -> edited(run, gate, b, by, comment);
    };
  }

  private Decision edited(RunInfo run, Approvals.Gate gate, JsonNode b, String by, String comment) {
    if (!gate.kind().equals("plan")) {
      throw ApiProblem.unprocessable(
          "Gate "
              + gate.id()
              + " asks about "
              + gate.kind()
              + ", not a plan: approve or reject it; only a plan gate can be edited.");
    }
    if (comment != null) {
      throw ApiProblem.unprocessable(
          "An edit carries no comment: the edited plan is what the agent reads.");
    }
    if (!b.hasNonNull("plan") && !b.hasNonNull("todo")) {
      throw ApiProblem.unprocessable(
          "An edit needs the new plan text, the new TODO list, or both.");
    }
    Optional<PlanRevision> latest = s.project().plans().latest(run.id());
    String plan;
    if (b.hasNonNull("plan")) {
      plan = b.get("plan").asText().strip();
    } else {
      plan = latest.map(PlanRevision::planText).orElse("");
    }
    if (plan.isEmpty()) {
      throw ApiProblem.unprocessable(
          "The plan text is empty" + (latest.isEmpty() ? " (run has no plan yet)" : "") + ".");
    }
    List<TodoItem> items = new ArrayList<>();
    if (b.hasNonNull("todo")) {
      int i = 0;
      for (JsonNode item : b.get("todo")) {
        i++;
        String text = item.path("text").asText().strip();
        if (text.isEmpty()) {
          throw ApiProblem.unprocessable("TODO item " + i + " has no text.");
        }
        try {
          items.add(
              new TodoItem(
                  text,
                  item.path("status").asText(),
                  item.hasNonNull("proof") ? item.get("proof").asText() : null));
        } catch (IllegalArgumentException e) {
          throw ApiProblem.unprocessable("TODO item " + i + ": " + e.getMessage());
        }
      }
    } else {
      items.addAll(latest.map(PlanRevision::items).orElse(List.of()));
    }
    if (items.isEmpty()) {
      throw ApiProblem.unprocessable("The plan has no TODO items: give at least one.");
    }
    return new Decision.EditThenApprove(by, plan, List.copyOf(items));
  }

  /** Waits until the run has recorded its decision (the gate is no longer its pending one). */
  private boolean awaitRecorded(Approvals.Gate gate) throws InterruptedException {
    long deadline = System.nanoTime() + RECORD_WAIT.toNanos();
    while (true) {
      Optional<Approvals.Gate> now = s.project().approvals().pending(gate.runId());
      if (now.isEmpty() || now.get().id() != gate.id()) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(25);
    }
  }

  private Optional<Long> decidedSeq(Approvals.Gate gate) {
    try (var decided =
        s.project().events().stream(
            gate.runId(), gate.gateSeq() + 1, Set.of(EventType.GATE_DECIDED))) {
      return decided
          .filter(e -> e.payload(EventPayload.GateDecided.class).gateSeq() == gate.gateSeq())
          .map(RecordedEvent::seq)
          .findFirst();
    }
  }

  private String stale(RunInfo run, long asked, Optional<Approvals.Gate> pending) {
    Optional<Approvals.Gate> was =
        s.project().approvals().find(asked).filter(g -> g.runId() == run.id());
    StringBuilder sb = new StringBuilder("Gate ").append(asked);
    if (was.isEmpty()) {
      sb.append(" is not a gate of run ").append(run.id());
    } else if (was.get().pending()) {
      sb.append(" of run ").append(run.id()).append(" is not the one waiting");
    } else {
      sb.append(" of run ")
          .append(run.id())
          .append(" was already decided (")
          .append(was.get().decision())
          .append(was.get().comment() == null ? "" : ": \"" + was.get().comment() + "\"")
          .append(")");
    }
    sb.append(pending.map(p -> "; gate " + p.id() + " is waiting now.").orElse("; none waits."));
    return sb.toString();
  }

  private static String noGate(RunInfo run) {
    return "Run "
        + run.id()
        + " has no gate waiting for a decision (it is "
        + run.status().name().toLowerCase(java.util.Locale.ROOT)
        + ").";
  }

  /** A pending gate with what it asks about (its GATE_OPENED event). */
  private ObjectNode view(Approvals.Gate g) {
    ObjectNode n = ApiServer.JSON.createObjectNode();
    n.put("id", g.id());
    n.put("run", g.runId());
    n.put("kind", g.kind());
    n.put("seq", g.gateSeq());
    List<RecordedEvent> opened = s.project().events().events(g.runId(), g.gateSeq(), 1);
    RecordedEvent e = opened.isEmpty() ? null : opened.getFirst();
    n.put("node", e == null ? null : e.node());
    n.put("openedAt", e == null ? null : e.timestamp().toString());
    JsonNode subject = e == null ? null : e.payload(EventPayload.GateOpened.class).subject();
    n.set("subject", subject == null ? ApiServer.JSON.createObjectNode() : subject);
    return n;
  }
}
