package org.benchwright.engine.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.benchwright.engine.model.ModelCall;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.model.ModelException;
import org.benchwright.engine.model.ModelGateway;
import org.benchwright.engine.model.ModelJson;
import org.benchwright.engine.model.ScriptedChatModel;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.sandbox.RunSandbox;

/**
 * One node's conversation: call the model, run the tools it asks for, until a tool ends the node or
 * a limit (model calls, tokens, wall time, invalid tool calls) is reached. Knows no workflow: the
 * node's tools and outcomes are handed in.
 */
final class NodeLoop {

  static final String NUDGE = "Reply by calling one of your tools. Call submit when you are done.";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A node as the loop runs it: its definition, its tools and what its submit offers. */
  record NodeSpec(
      String name,
      WorkflowDefinition.Node def,
      List<Tool> tools,
      List<String> outcomes,
      WriteGuard writeGuard) {}

  private final RunLog log;
  private final RunState state;
  private final Gates gates;
  private final ModelGateway gateway;
  private final ModelConfig model;
  private final String workflow;
  private final Supplier<RunSandbox> sandbox;

  NodeLoop(
      RunLog log,
      RunState state,
      Gates gates,
      ModelGateway gateway,
      ModelConfig model,
      String workflow,
      Supplier<RunSandbox> sandbox) {
    this.log = log;
    this.state = state;
    this.gates = gates;
    this.gateway = gateway;
    this.model = model;
    this.workflow = workflow;
    this.sandbox = sandbox;
  }

  NodeEnd run(NodeSpec node, List<ChatMessage> messages) {
    WorkflowDefinition.Limits limits = node.def().limits();
    List<ToolSpecification> specs = node.tools().stream().map(Tool::spec).toList();
    ToolContext ctx =
        new ToolContext(
            log.project(), log.runId(), node.name(), sandbox, node.outcomes(), node.writeGuard());
    int turns = (int) messages.stream().filter(m -> m instanceof AiMessage).count();
    long tokens = 0;
    long started = System.currentTimeMillis();

    // A resumed node may stop between a model reply and its tool results: finish those first.
    if (!messages.isEmpty()
        && messages.getLast() instanceof AiMessage last
        && last.hasToolExecutionRequests()) {
      Optional<NodeEnd> end = runTools(ctx, node, last, messages, new int[] {0});
      if (end.isPresent()) {
        return end.get();
      }
    }
    int[] errorCount = {0};
    int refusals = 0;
    while (true) {
      if (turns >= limits.turns()) {
        return NodeEnd.failed(
            node.name() + " used all of its " + limits.turns() + " model calls without finishing.");
      }
      if (tokens >= limits.tokens()) {
        return NodeEnd.failed(node.name() + " used its token budget of " + limits.tokens() + ".");
      }
      if (System.currentTimeMillis() - started > limits.wallSeconds() * 1000) {
        return NodeEnd.failed(
            node.name() + " ran past its " + limits.wallSeconds() + " s time limit.");
      }
      ChatRequest request =
          ChatRequest.builder().messages(messages).toolSpecifications(specs).build();
      log.record(
          node.name(),
          new EventPayload.ModelRequest(
              ++state.modelCalls, ModelJson.fingerprint(request), messages.size()));
      ModelCall call;
      try {
        call = state.forkReply != null ? forkReply() : gateway.chat(modelFor(node.name()), request);
      } catch (ModelException e) {
        log.record(
            node.name(),
            new EventPayload.Failure(
                "model_" + e.kind().name().toLowerCase(Locale.ROOT), e.getMessage()));
        return NodeEnd.failed("The model failed: " + e.getMessage());
      }
      turns++;
      tokens += call.inputTokens() + call.outputTokens();
      recordResponse(node.name(), call);
      AiMessage ai = call.response().aiMessage();
      messages.add(ai);
      if (call.refused()) {
        // A refusal is the model's answer: remind it what the task is, then let the workflow's
        // edges (or the run's end) decide.
        if (++refusals > limits.refusals()) {
          return refusedBy(node, call.refusal());
        }
        log.record(node.name(), new EventPayload.UserMessage(WorkflowDefinition.REFUSAL_REMINDER));
        messages.add(UserMessage.from(WorkflowDefinition.REFUSAL_REMINDER));
        continue;
      }
      if (!ai.hasToolExecutionRequests()) {
        if (++errorCount[0] > limits.toolErrors()) {
          return NodeEnd.failed(node.name() + " kept answering without calling a tool.");
        }
        log.record(node.name(), new EventPayload.UserMessage(NUDGE));
        messages.add(UserMessage.from(NUDGE));
        continue;
      }
      Optional<NodeEnd> end = runTools(ctx, node, ai, messages, errorCount);
      if (end.isPresent()) {
        return end.get();
      }
    }
  }

  private void recordResponse(String node, ModelCall call) {
    log.record(
        node,
        new EventPayload.ModelResponse(
            state.modelCalls,
            call.inputTokens(),
            call.outputTokens(),
            call.costUsd(),
            call.latencyMillis(),
            call.attempts(),
            JSON.valueToTree(call.retries()),
            call.reasoning(),
            ModelJson.responseToJson(call.response()),
            call.finishReason() == null ? null : call.finishReason().name(),
            call.refusal()));
    log.project()
        .runs()
        .addUsage(log.runId(), call.inputTokens(), call.outputTokens(), call.costUsd());
  }

  private Optional<NodeEnd> runTools(
      ToolContext ctx, NodeSpec node, AiMessage ai, List<ChatMessage> messages, int[] errorCount) {
    Set<String> answered = new HashSet<>();
    for (ChatMessage m : messages) {
      if (m instanceof ToolExecutionResultMessage r) {
        answered.add(r.id());
      }
    }
    NodeEnd ended = null;
    for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
      if (call.id() != null && answered.contains(call.id())) {
        continue;
      }
      log.record(ctx.node(), new EventPayload.ToolCall(call.id(), call.name(), call.arguments()));
      log.control().awaitTurn(); // running the tool is a step of its own (it may write files)
      ToolResult result = forkToolResult(call).orElseGet(() -> invoke(ctx, node.tools(), call));
      // A resumed run learns from ends_with that the node ended (submit's call already says so).
      String endsWith = call.name().equals(WorkflowCatalog.SUBMIT) ? null : result.outcome();
      log.record(
          ctx.node(),
          new EventPayload.ToolResult(
              call.id(), call.name(), result.error(), result.text(), endsWith));
      messages.add(ToolExecutionResultMessage.from(call, result.text()));
      if (result.error() && ++errorCount[0] > node.def().limits().toolErrors()) {
        return Optional.of(
            NodeEnd.failed(
                ctx.node() + " made too many invalid tool calls; the last: " + result.text()));
      }
      if (result.outcome() != null) {
        ended = new NodeEnd(result.outcome(), result.text(), expectedSolution(call), false);
      }
    }
    return Optional.ofNullable(ended);
  }

  /**
   * The node ends with outcome {@value WorkflowDefinition#REFUSED}: along its edge when the
   * workflow routes it (and no tool of the node claims that outcome for itself), else the run ends
   * with that outcome and the model's words as the reason.
   */
  private static NodeEnd refusedBy(NodeSpec node, String refusal) {
    String reason = node.name() + " refused the task: " + refusal;
    return node.outcomes().contains(WorkflowDefinition.REFUSED)
        ? new NodeEnd(WorkflowDefinition.REFUSED, reason, null, false)
        : new NodeEnd(WorkflowDefinition.REFUSED, reason, null, true);
  }

  private static String expectedSolution(ToolExecutionRequest call) {
    try {
      JsonNode args = JSON.readTree(call.arguments());
      return args.hasNonNull("expected_solution") ? args.get("expected_solution").asText() : null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException ignored) {
      return null; // the arguments were validated before the tool ran
    }
  }

  /** Runs one tool call; whatever the model got wrong becomes an error result it can read. */
  private ToolResult invoke(ToolContext ctx, List<Tool> nodeTools, ToolExecutionRequest call) {
    Optional<Tool> tool = nodeTools.stream().filter(t -> t.name().equals(call.name())).findFirst();
    if (tool.isEmpty()) {
      return ToolResult.error(
          "Unknown tool '"
              + call.name()
              + "'. Available: "
              + String.join(", ", nodeTools.stream().map(Tool::name).toList())
              + ".");
    }
    JsonNode args;
    try {
      args =
          JSON.readTree(
              call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return ToolResult.error("The arguments are not valid JSON: " + e.getOriginalMessage());
    }
    String problem = Arguments.problem(tool.get().spec().parameters(), args);
    if (problem != null) {
      return ToolResult.error(problem);
    }
    Optional<String> refusal = gates.toolGate(ctx.node(), call);
    if (refusal.isPresent()) {
      return ToolResult.error("A human declined this call: " + refusal.get());
    }
    try {
      return ResultCap.apply(ctx, call.name(), tool.get().run(ctx, args));
    } catch (RunControl.Cancelled e) {
      throw e;
    } catch (RuntimeException e) {
      return ToolResult.error("The tool failed: " + e.getMessage());
    }
  }

  /**
   * The run's model, unless the project overrides it for this node (setting {@code
   * workflow.WORKFLOW.NODE.model}, a model config as JSON). A replay answers every node from the
   * record, so overrides do not apply to it.
   */
  private ModelConfig modelFor(String node) {
    if (model.provider().equals("replay")) {
      return model;
    }
    String forked = state.forkModels.get(node);
    if (forked != null) {
      return ModelConfig.fromJson(forked);
    }
    return RunSettings.get(log.project(), state, "workflow." + workflow + "." + node + ".model")
        .map(ModelConfig::fromJson)
        .orElse(model);
  }

  /**
   * The reply a person wrote (or edited) at a fork point, answering the first model call after it
   * instead of the provider: spent once, free, and recorded like any reply.
   */
  private ModelCall forkReply() {
    var response = ScriptedChatModel.reply(state.forkReply);
    ModelCall call =
        new ModelCall(response, 0, 0, List.of(), 0, 0, 0, null, null, ModelCall.finishOf(response));
    state.forkReply = null;
    return call;
  }

  /** The result a person wrote at a fork point for the tool call it stopped before. */
  private Optional<ToolResult> forkToolResult(ToolExecutionRequest call) {
    JsonNode written = state.forkToolResult;
    if (written == null
        || (written.hasNonNull("id") && !written.get("id").asText().equals(call.id()))) {
      return Optional.empty();
    }
    state.forkToolResult = null;
    String text = written.path("text").asText();
    return Optional.of(
        written.path("error").asBoolean(false) ? ToolResult.error(text) : ToolResult.ok(text));
  }
}
