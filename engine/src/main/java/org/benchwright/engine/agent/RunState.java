package org.benchwright.engine.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.benchwright.engine.model.ModelJson;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;

/**
 * Where a run stands, as a fold over its events: the current node and its conversation, the outcome
 * that led into it, and what later nodes and checks need. A live run keeps folding as it goes (the
 * loop updates the same fields), so a run interrupted anywhere resumes from its log.
 */
final class RunState {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The current node; null before the first transition. */
  String node;

  List<ChatMessage> messages;
  // The outcome that led into the current node (it may narrow what the node can submit).
  String enteredBy;
  String expectedSolution;
  // What the run succeeded with, kept while its epilogue runs.
  String succeededWith;
  int modelCalls;
  // Folded from the log: the current node already ended (a submit, a tool that ends nodes), but
  // its transition is not recorded (for example: interrupted at its plan gate).
  NodeEnd pendingEnd;
  // How often each node was sent work along an edge (not the start, a rejection or the epilogue):
  // the visit limit counts these across a resume or a fork.
  final java.util.Map<String, int[]> visits = new java.util.HashMap<>();

  // What a fork changed at its point (ADR 0040), folded from the FORK events in the history.
  // A reply or tool result written at the fork answers the next call once; it is spent when the
  // log shows that call answered.
  JsonNode forkReply;
  JsonNode forkToolResult;
  final java.util.Map<String, String> forkModels = new java.util.HashMap<>();
  final java.util.Map<String, String> forkSettings = new java.util.HashMap<>();

  /** The gates the parent decided after the fork point may be decided the same way. */
  record Reuse(String parentUid, long atSeq, long forkEventSeq) {}

  Reuse reuse;

  /**
   * Folds a run's log.
   *
   * <p>Only the current node's conversation is folded event by event: what the rest of the history
   * contributes (visits, the outcome of an earlier node, the expected solution, the model call
   * count, a fork's changes) is read from the few event types that carry it. A fork resumed at
   * event 50,000 of a long run so reads a few thousand events, not fifty thousand (ADR 0040).
   *
   * @param nodeDef a node's definition by name (epilogues included)
   * @param tools a tool by name, to know which tool results ended their node
   * @throws IllegalStateException when the run has already ended or an event is not JSON
   */
  static RunState fold(
      Project project,
      long runId,
      Function<String, WorkflowDefinition.Node> nodeDef,
      Function<String, Optional<Tool>> tools) {
    RunState s = new RunState();
    var log = project.events();
    // An outcome is always a run's last event: nothing is recorded after it.
    long last = log.lastSeq(runId);
    if (last > 0 && log.events(runId, last, 1).getFirst().type() == EventType.OUTCOME) {
      throw new IllegalStateException("Run " + runId + " has already ended.");
    }
    List<Long> entries = new ArrayList<>();
    try (var transitions = log.stream(runId, Set.of(EventType.NODE_TRANSITION))) {
      transitions.forEach(
          e -> {
            EventPayload.NodeTransition t = e.payload(EventPayload.NodeTransition.class);
            entries.add(e.seq());
            if (t.succeededWith() != null) {
              s.succeededWith = t.succeededWith();
            }
            if (!"start".equals(t.outcome())
                && !"rejected".equals(t.outcome())
                && t.succeededWith() == null) {
              s.visits.computeIfAbsent(t.to(), k -> new int[1])[0]++;
            }
          });
    }
    // The expected solution comes with the submit that ended a node: the newest tool call before
    // an entry is that node's submit (checks between them record no tool calls).
    for (int i = entries.size() - 1; i > 0 && s.expectedSolution == null; i--) {
      long previous = entries.get(i - 1);
      log.lastOf(runId, Set.of(EventType.TOOL_CALL), entries.get(i) - 1)
          .filter(e -> e.seq() > previous)
          .map(e -> e.payload(EventPayload.ToolCall.class))
          .filter(c -> c.name().equals(WorkflowCatalog.SUBMIT))
          .map(c -> parse(c.arguments() == null ? "{}" : c.arguments()))
          .filter(args -> args.hasNonNull("expected_solution"))
          .ifPresent(args -> s.expectedSolution = args.get("expected_solution").asText());
    }
    log.lastOf(runId, Set.of(EventType.MODEL_REQUEST), Long.MAX_VALUE)
        .map(e -> e.payload(EventPayload.ModelRequest.class).call())
        .ifPresent(call -> s.modelCalls = call == null ? 0 : call);
    s.foldForks(project, runId);
    if (!entries.isEmpty()) {
      try (var node = log.stream(runId, entries.getLast())) {
        node.forEach(e -> s.apply(e, nodeDef, tools));
      }
    }
    return s;
  }

  /**
   * The changes of the forks in the history: models and settings add up, the newest fork says
   * whether decisions are reused, and its written reply or tool result waits until the log shows
   * that call answered.
   */
  private void foldForks(Project project, long runId) {
    var log = project.events();
    RecordedEvent[] newest = {null};
    try (var forks = log.stream(runId, Set.of(EventType.FORK))) {
      forks.forEach(
          e -> {
            EventPayload.Fork f = e.payload(EventPayload.Fork.class);
            f.change()
                .path("models")
                .properties()
                .forEach(m -> forkModels.put(m.getKey(), m.getValue().toString()));
            f.change()
                .path("settings")
                .properties()
                .forEach(m -> forkSettings.put(m.getKey(), m.getValue().toString()));
            newest[0] = e;
          });
    }
    if (newest[0] == null) {
      return;
    }
    long at = newest[0].seq();
    EventPayload.Fork f = newest[0].payload(EventPayload.Fork.class);
    reuse = f.reuseDecisions() ? new Reuse(f.parent(), f.atSeq(), at) : null;
    if (f.change().hasNonNull("reply")
        && log.lastOf(runId, Set.of(EventType.MODEL_RESPONSE), Long.MAX_VALUE)
            .map(r -> r.seq() < at)
            .orElse(true)) {
      forkReply = f.change().get("reply");
    }
    if (f.change().hasNonNull("tool_result")
        && log.lastOf(runId, Set.of(EventType.TOOL_RESULT), Long.MAX_VALUE)
            .map(r -> r.seq() < at)
            .orElse(true)) {
      forkToolResult = f.change().get("tool_result");
    }
  }

  /** One event of the current node's conversation. */
  private void apply(
      RecordedEvent e,
      Function<String, WorkflowDefinition.Node> nodeDef,
      Function<String, Optional<Tool>> tools) {
    switch (e.payload()) {
      case EventPayload.NodeTransition t -> {
        pendingEnd = null;
        node = t.to();
        enteredBy = t.outcome();
        messages = new ArrayList<>();
        messages.add(SystemMessage.from(nodeDef.apply(node).promptText()));
      }
      case EventPayload.UserMessage m -> messages.add(UserMessage.from(m.text()));
      case EventPayload.ModelResponse r ->
          messages.add(ModelJson.responseFromJson(r.response()).aiMessage());
      case EventPayload.ToolResult r -> {
        messages.add(ToolExecutionResultMessage.from(r.id(), r.name(), r.text()));
        if (!r.error()) {
          endedBy(r, tools).ifPresent(o -> pendingEnd = new NodeEnd(o, r.text(), null, false));
        }
      }
      case EventPayload.ToolCall c when c.name().equals(WorkflowCatalog.SUBMIT) -> {
        JsonNode args = parse(c.arguments() == null ? "{}" : c.arguments());
        if (args.hasNonNull("expected_solution")) {
          expectedSolution = args.get("expected_solution").asText();
        }
        pendingEnd =
            new NodeEnd(args.path("outcome").asText(), args.path("summary").asText(), null, false);
      }
      default -> {}
    }
  }

  /**
   * The outcome a tool's successful result ended its node with: recorded since tools declare their
   * outcomes; for results recorded before, the tool's only declared outcome.
   */
  private static Optional<String> endedBy(
      EventPayload.ToolResult result, Function<String, Optional<Tool>> tools) {
    if (result.endsWith() != null) {
      return Optional.of(result.endsWith());
    }
    return tools
        .apply(result.name())
        .map(Tool::endsNodeWith)
        .filter(o -> o.size() == 1)
        .map(List::getFirst);
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("An event of this run is not JSON: " + e.getMessage(), e);
    }
  }
}
