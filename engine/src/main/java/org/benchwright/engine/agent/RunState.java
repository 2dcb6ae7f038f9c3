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
import java.util.function.Function;
import org.benchwright.engine.model.ModelJson;
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

  /**
   * Folds a run's log.
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
    long last = project.events().lastSeq(runId);
    for (long from = 1; from <= last; from += 1_000) {
      for (RecordedEvent e : project.events().events(runId, from, 1_000)) {
        s.apply(e, nodeDef, tools);
      }
    }
    return s;
  }

  private void apply(
      RecordedEvent e,
      Function<String, WorkflowDefinition.Node> nodeDef,
      Function<String, Optional<Tool>> tools) {
    JsonNode p = parse(e.payloadJson());
    switch (e.type()) {
      case NODE_TRANSITION -> {
        pendingEnd = null;
        node = p.get("to").asText();
        succeededWith = p.path("succeeded_with").asText(succeededWith);
        enteredBy = p.path("outcome").asText(null);
        messages = new ArrayList<>();
        messages.add(SystemMessage.from(nodeDef.apply(node).promptText()));
      }
      case USER_MESSAGE -> messages.add(UserMessage.from(p.get("text").asText()));
      case MODEL_REQUEST -> modelCalls = Math.max(modelCalls, p.get("call").asInt());
      case MODEL_RESPONSE ->
          messages.add(ModelJson.responseFromJson(p.get("response").asText()).aiMessage());
      case TOOL_RESULT -> {
        String name = p.get("name").asText();
        messages.add(
            ToolExecutionResultMessage.from(
                p.get("id").asText(null), name, p.get("text").asText()));
        if (!p.path("error").asBoolean()) {
          endedBy(name, p, tools).ifPresent(outcome -> pendingEnd = ended(outcome, p));
        }
      }
      case TOOL_CALL -> {
        if (p.get("name").asText().equals(WorkflowCatalog.SUBMIT)) {
          JsonNode args = parse(p.get("arguments").asText("{}"));
          if (args.hasNonNull("expected_solution")) {
            expectedSolution = args.get("expected_solution").asText();
          }
          pendingEnd =
              new NodeEnd(
                  args.path("outcome").asText(), args.path("summary").asText(), null, false);
        }
      }
      case OUTCOME -> throw new IllegalStateException("Run " + e.runId() + " has already ended.");
      default -> {}
    }
  }

  /**
   * The outcome a tool's successful result ended its node with: recorded since tools declare their
   * outcomes; for results recorded before, the tool's only declared outcome.
   */
  private static Optional<String> endedBy(
      String tool, JsonNode result, Function<String, Optional<Tool>> tools) {
    if (result.hasNonNull("ends_with")) {
      return Optional.of(result.get("ends_with").asText());
    }
    return tools.apply(tool).map(Tool::endsNodeWith).filter(o -> o.size() == 1).map(List::getFirst);
  }

  private static NodeEnd ended(String outcome, JsonNode result) {
    return new NodeEnd(outcome, result.get("text").asText(), null, false);
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("An event of this run is not JSON: " + e.getMessage(), e);
    }
  }
}
