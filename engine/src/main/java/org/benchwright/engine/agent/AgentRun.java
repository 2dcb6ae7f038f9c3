package org.benchwright.engine.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.benchwright.engine.model.ModelCall;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.model.ModelException;
import org.benchwright.engine.model.ModelGateway;
import org.benchwright.engine.model.ModelJson;
import org.benchwright.engine.project.Approvals;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.PlanRevision;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.engine.sandbox.RunSandbox;
import org.benchwright.engine.skills.FailureKinds;

/**
 * Executes one run of a workflow: node by node, model call by model call, tool call by tool call,
 * recording everything as it happens. Its state is a fold over its events, so a run interrupted
 * anywhere resumes from its log.
 */
final class AgentRun {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String NUDGE = "Reply by calling one of your tools. Call submit when you are done.";

  /** How a node ended. */
  private record NodeEnd(String outcome, String summary, String expectedSolution, boolean failed) {}

  private final Project project;
  private final long runId;
  private final String task;
  private final WorkflowDefinition workflow;
  private final ModelConfig model;
  private final ModelGateway gateway;
  private final RunControl control;
  private final Tools tools;
  private final Map<String, Check> checks;
  private final java.util.function.Supplier<RunSandbox> sandbox;
  private final BlockingQueue<Decision> decisions = new LinkedBlockingQueue<>();

  /**
   * The extra episode after a succeeded run that repeated one kind of failure: it writes or updates
   * a skill (docs/decisions/0018-skills.md). Not part of any workflow's definition.
   */
  static final String SKILL_WRITER = "skill-writer";

  /** Setting: how many failures of one kind make a succeeded run write a skill (0: never). */
  static final String LEARN_AFTER = "skills.learn_after";

  static final int DEFAULT_LEARN_AFTER = 4;

  private static final List<String> SKILL_WRITER_OUTCOMES = List.of("written", "skipped");

  private static final WorkflowDefinition.Node SKILL_WRITER_NODE =
      new WorkflowDefinition.Node(
              "prompts/skill-writer.md",
              List.of(
                  "search_skills",
                  "read_skill",
                  "list_files",
                  "read_file",
                  "write_skill",
                  "submit"),
              new WorkflowDefinition.Limits(12, 200_000, 600, 6),
              null,
              null,
              null,
              null)
          .withPromptText(WorkflowDefinition.prompt("prompts/skill-writer.md"));

  /** A node sent back this often (reviewer or acceptance keeps rejecting) ends the run. */
  static final int MAX_VISITS = WorkflowDefinition.DEFAULT_MAX_VISITS;

  private final Map<String, int[]> visits = new java.util.HashMap<>();
  private String expectedSolution;
  // What the run succeeded with, kept while its skill-writer episode runs.
  private String succeededWith;
  // The outcome that led into the current node (it may narrow what the node can submit).
  private String enteredBy;
  private int modelCalls;
  // Set while folding the log: a submit recorded in the current node, whose transition is not.
  private JsonNode pendingSubmit;

  AgentRun(
      Project project,
      long runId,
      String task,
      WorkflowDefinition workflow,
      ModelConfig model,
      ModelGateway gateway,
      RunControl control,
      Tools tools,
      Map<String, Check> checks,
      java.util.function.Supplier<RunSandbox> sandbox) {
    this.project = project;
    this.runId = runId;
    this.task = task;
    this.workflow = workflow;
    this.model = model;
    this.gateway = gateway;
    this.control = control;
    this.tools = tools;
    this.checks = checks;
    this.sandbox = sandbox;
  }

  void decide(Decision d) {
    decisions.add(d);
  }

  /** Runs to the end (or resumes from the log) and returns how it ended. */
  RunOutcome execute() {
    long start = System.currentTimeMillis();
    try {
      project.runs().setStatus(runId, RunStatus.RUNNING);
      Position at = resumePosition();
      String node = at.node();
      List<ChatMessage> messages = at.messages();
      if (node == null) {
        ObjectNode started =
            JSON.createObjectNode().put("workflow", workflow.name()).put("task", task);
        started.set("model", JSON.readTree(model.toJson()));
        record(EventType.RUN_STARTED, null, started);
        if (workflow.setup() != null) {
          Check.Result setup = runCheck(workflow.setup());
          if (!setup.passed()) {
            return finish(RunStatus.FAILED, "failed", setup.report(), start);
          }
        }
        node = workflow.start();
        messages = enter(null, node, "start", "Task: " + task);
      }
      while (true) {
        NodeEnd end;
        if (pendingSubmit != null && messages.getLast() instanceof ToolExecutionResultMessage) {
          // Interrupted after the node submitted (for example at its plan gate): go on from there.
          end =
              new NodeEnd(
                  pendingSubmit.get("outcome").asText(),
                  pendingSubmit.path("summary").asText(),
                  null,
                  false);
          pendingSubmit = null;
        } else {
          end = runNode(node, messages);
        }
        if (node.equals(SKILL_WRITER)) {
          if (end.failed()) {
            // The run did succeed; a skill that could not be written is worth a note, not a
            // failure.
            record(
                EventType.ERROR,
                SKILL_WRITER,
                JSON.createObjectNode().put("kind", "skill_writer").put("message", end.summary()));
          }
          return finish(RunStatus.SUCCEEDED, "passed", succeededWith, start);
        }
        if (end.failed()) {
          return finish(RunStatus.FAILED, "failed", end.summary(), start);
        }
        if (end.expectedSolution() != null) {
          expectedSolution = end.expectedSolution();
        }
        Optional<String> rejection = planGate(node, end);
        if (rejection.isPresent()) {
          messages =
              enter(
                  node,
                  node,
                  "rejected",
                  "A human rejected the plan: " + rejection.get() + "\nRevise it.");
          continue;
        }
        String target = workflow.edges().get(node).get(end.outcome());
        String feedback = end.summary();
        while (target.startsWith(WorkflowDefinition.CHECK_PREFIX)) {
          String checkName = target.substring(WorkflowDefinition.CHECK_PREFIX.length());
          Check.Result result = runCheck(checkName);
          target = workflow.checks().get(checkName).get(result.passed() ? "pass" : "fail");
          feedback = result.report();
        }
        if (target.equals(WorkflowDefinition.SUCCEED)) {
          succeededWith = feedback;
          Optional<String> lesson = lesson();
          if (lesson.isEmpty()) {
            return finish(RunStatus.SUCCEEDED, "passed", feedback, start);
          }
          messages = enter(node, SKILL_WRITER, end.outcome(), lesson.get());
          node = SKILL_WRITER;
          continue;
        }
        if (target.equals(WorkflowDefinition.FAIL)) {
          return finish(
              RunStatus.FAILED,
              "failed",
              node + " ended with '" + end.outcome() + "': " + feedback,
              start);
        }
        int limit = workflow.nodes().get(target).visitLimit();
        if (++visits.computeIfAbsent(target, k -> new int[1])[0] > limit) {
          return finish(
              RunStatus.FAILED,
              "failed",
              target
                  + " was sent work "
                  + limit
                  + " times without the run finishing; last"
                  + " feedback: "
                  + feedback,
              start);
        }
        messages = enter(node, target, end.outcome(), contextFor(target, node, feedback));
        node = target;
      }
    } catch (RunControl.Cancelled e) {
      return finish(RunStatus.CANCELLED, "cancelled", "Cancelled by the user.", start);
    } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
      String reason = "The engine failed: " + e.getMessage();
      try {
        record(
            EventType.ERROR,
            null,
            JSON.createObjectNode()
                .put("kind", "engine")
                .put("message", String.valueOf(e.getMessage())));
      } catch (RuntimeException ignored) {
        // the project itself may be what failed; the status below still tries
      }
      return finish(RunStatus.FAILED, "failed", reason, start);
    }
  }

  private RunOutcome finish(RunStatus status, String outcome, String reason, long start) {
    ObjectNode p =
        JSON.createObjectNode()
            .put("status", status.name())
            .put("outcome", outcome)
            .put("reason", reason);
    project.events().append(runId, Event.of(EventType.OUTCOME, null, p.toString()));
    project.runs().finish(runId, status, outcome, reason, System.currentTimeMillis() - start);
    return new RunOutcome(runId, status, reason);
  }

  /** Records a transition and the new node's opening message; returns its conversation. */
  private List<ChatMessage> enter(String from, String to, String outcome, String context) {
    enteredBy = outcome;
    ObjectNode t = JSON.createObjectNode().put("to", to).put("outcome", outcome);
    if (from != null) {
      t.put("from", from);
    }
    // The node's system prompt and tools as they were, so its episode can be exported as
    // training data even after the workflow's definition changes.
    t.put("system", nodeDef(to).promptText());
    if (to.equals(SKILL_WRITER)) {
      t.put("succeeded_with", succeededWith);
    }
    com.fasterxml.jackson.databind.node.ArrayNode specs = t.putArray("tools");
    for (Tool tool : toolsOf(to)) {
      specs.add(parse(tool.spec().toJson()));
    }
    record(EventType.NODE_TRANSITION, to, t);
    record(EventType.USER_MESSAGE, to, JSON.createObjectNode().put("text", context));
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(SystemMessage.from(nodeDef(to).promptText()));
    messages.add(UserMessage.from(context));
    return messages;
  }

  private String contextFor(String target, String from, String feedback) {
    StringBuilder sb = new StringBuilder("Task: ").append(task).append('\n');
    project
        .plans()
        .latest(runId)
        .ifPresent(
            p ->
                sb.append("\nPlan (revision ")
                    .append(p.revision())
                    .append("):\n")
                    .append(render(p)));
    sb.append("\nFrom ").append(from).append(":\n").append(feedback);
    return sb.toString();
  }

  private WorkflowDefinition.Node nodeDef(String node) {
    return node.equals(SKILL_WRITER) ? SKILL_WRITER_NODE : workflow.nodes().get(node);
  }

  /**
   * The skill-writer's opening message when this run repeated one kind of failure often enough
   * (setting {@value #LEARN_AFTER}, default {@value #DEFAULT_LEARN_AFTER}); empty otherwise.
   */
  private Optional<String> lesson() {
    int threshold =
        project
            .settings()
            .get(LEARN_AFTER)
            .map(v -> parse(v).asInt(DEFAULT_LEARN_AFTER))
            .orElse(DEFAULT_LEARN_AFTER);
    List<RecordedEvent> events = project.events().events(runId, 1, Integer.MAX_VALUE);
    return FailureKinds.lesson(events, threshold).map(l -> lessonText(l));
  }

  private String lessonText(FailureKinds.Lesson l) {
    StringBuilder sb = new StringBuilder("Task of the run: ").append(task).append("\n\n");
    sb.append("The same kind of failure happened ")
        .append(l.failures().size())
        .append(" times before the run succeeded: ")
        .append(l.kind())
        .append("\n");
    int i = 0;
    for (FailureKinds.Failure f : l.failures()) {
      sb.append("\n").append(++i).append(". in ").append(f.node()).append(":\n");
      sb.append(f.detail().strip()).append('\n');
    }
    sb.append("\nAfter the last failure the run went on with:\n");
    l.fixedBy().forEach(c -> sb.append("- ").append(c).append('\n'));
    sb.append("\nThe run succeeded with: ").append(succeededWith).append('\n');
    return sb.toString();
  }

  static String render(PlanRevision p) {
    StringBuilder sb = new StringBuilder(p.planText()).append('\n');
    p.items()
        .forEach(
            i -> sb.append("- [").append(i.status()).append("] ").append(i.text()).append('\n'));
    return sb.toString();
  }

  private List<Tool> toolsOf(String node) {
    List<Tool> nodeTools = new ArrayList<>();
    for (String name : nodeDef(node).tools()) {
      if (name.equals("submit")) {
        nodeTools.add(Tools.submit(submitOutcomes(node)));
      } else {
        nodeTools.add(
            tools
                .get(name)
                .orElseThrow(
                    () -> new IllegalStateException("workflow names unknown tool " + name)));
      }
    }
    return nodeTools;
  }

  /**
   * The outcomes submit offers: the node's edges, less those a dedicated tool ends with (a refusal
   * goes through refuse_plan, which demands evidence, never through a plain submit).
   */
  private List<String> submitOutcomes(String node) {
    if (node.equals(SKILL_WRITER)) {
      return SKILL_WRITER_OUTCOMES;
    }
    List<String> tools = nodeDef(node).tools();
    return workflow.outcomesOf(node, enteredBy).stream()
        .filter(o -> !(o.equals(RefusePlanTool.OUTCOME) && tools.contains(RefusePlanTool.NAME)))
        .toList();
  }

  private NodeEnd runNode(String node, List<ChatMessage> messages) {
    WorkflowDefinition.Node def = nodeDef(node);
    List<Tool> nodeTools = toolsOf(node);
    List<ToolSpecification> specs = nodeTools.stream().map(Tool::spec).toList();
    ToolContext ctx = new ToolContext(project, runId, node, sandbox, submitOutcomes(node));
    int turns = (int) messages.stream().filter(m -> m instanceof AiMessage).count();
    int errors = 0;
    long tokens = 0;
    long started = System.currentTimeMillis();

    // A resumed node may stop between a model reply and its tool results: finish those first.
    if (!messages.isEmpty()
        && messages.getLast() instanceof AiMessage last
        && last.hasToolExecutionRequests()) {
      Optional<NodeEnd> end = runTools(ctx, nodeTools, last, messages, new int[] {0}, def);
      if (end.isPresent()) {
        return end.get();
      }
    }
    int[] errorCount = {errors};
    while (true) {
      if (turns >= def.limits().turns()) {
        return new NodeEnd(
            null,
            node + " used all of its " + def.limits().turns() + " model calls without finishing.",
            null,
            true);
      }
      if (tokens >= def.limits().tokens()) {
        return new NodeEnd(
            null, node + " used its token budget of " + def.limits().tokens() + ".", null, true);
      }
      if (System.currentTimeMillis() - started > def.limits().wallSeconds() * 1000) {
        return new NodeEnd(
            null,
            node + " ran past its " + def.limits().wallSeconds() + " s time limit.",
            null,
            true);
      }
      ChatRequest request =
          ChatRequest.builder().messages(messages).toolSpecifications(specs).build();
      ObjectNode req =
          JSON.createObjectNode()
              .put("call", ++modelCalls)
              .put("fingerprint", ModelJson.fingerprint(request))
              .put("messages", messages.size());
      record(EventType.MODEL_REQUEST, node, req);
      ModelCall call;
      try {
        call = gateway.chat(modelFor(node), request);
      } catch (ModelException e) {
        ObjectNode err =
            JSON.createObjectNode()
                .put("kind", "model_" + e.kind().name().toLowerCase(java.util.Locale.ROOT))
                .put("message", e.getMessage());
        record(EventType.ERROR, node, err);
        return new NodeEnd(null, "The model failed: " + e.getMessage(), null, true);
      }
      turns++;
      tokens += call.inputTokens() + call.outputTokens();
      ObjectNode resp =
          JSON.createObjectNode()
              .put("call", modelCalls)
              .put("input_tokens", call.inputTokens())
              .put("output_tokens", call.outputTokens())
              .put("cost_usd", call.costUsd())
              .put("latency_ms", call.latencyMillis())
              .put("attempts", call.attempts());
      resp.set("retries", JSON.valueToTree(call.retries()));
      if (call.reasoning() != null) {
        resp.put("reasoning", call.reasoning());
      }
      resp.put("response", ModelJson.responseToJson(call.response()));
      record(EventType.MODEL_RESPONSE, node, resp);
      project.runs().addUsage(runId, call.inputTokens(), call.outputTokens(), call.costUsd());
      AiMessage ai = call.response().aiMessage();
      messages.add(ai);
      if (!ai.hasToolExecutionRequests()) {
        if (++errorCount[0] > def.limits().toolErrors()) {
          return new NodeEnd(null, node + " kept answering without calling a tool.", null, true);
        }
        record(EventType.USER_MESSAGE, node, JSON.createObjectNode().put("text", NUDGE));
        messages.add(UserMessage.from(NUDGE));
        continue;
      }
      Optional<NodeEnd> end = runTools(ctx, nodeTools, ai, messages, errorCount, def);
      if (end.isPresent()) {
        return end.get();
      }
    }
  }

  private Optional<NodeEnd> runTools(
      ToolContext ctx,
      List<Tool> nodeTools,
      AiMessage ai,
      List<ChatMessage> messages,
      int[] errorCount,
      WorkflowDefinition.Node def) {
    Set<String> answered = new HashSet<>();
    for (ChatMessage m : messages) {
      if (m instanceof ToolExecutionResultMessage r) {
        answered.add(r.id());
      }
    }
    NodeEnd submitted = null;
    for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
      if (call.id() != null && answered.contains(call.id())) {
        continue;
      }
      ObjectNode c =
          JSON.createObjectNode()
              .put("id", call.id())
              .put("name", call.name())
              .put("arguments", call.arguments());
      record(EventType.TOOL_CALL, ctx.node(), c);
      control.awaitTurn(); // running the tool is a step of its own (it may write files)
      ToolResult result = invoke(ctx, nodeTools, call);
      ObjectNode r =
          JSON.createObjectNode()
              .put("id", call.id())
              .put("name", call.name())
              .put("error", result.error())
              .put("text", result.text());
      record(EventType.TOOL_RESULT, ctx.node(), r);
      messages.add(ToolExecutionResultMessage.from(call, result.text()));
      if (result.error() && ++errorCount[0] > def.limits().toolErrors()) {
        return Optional.of(
            new NodeEnd(
                null,
                ctx.node() + " made too many invalid tool calls; the last: " + result.text(),
                null,
                true));
      }
      if (result.outcome() != null) {
        String expected = null;
        try {
          JsonNode args = JSON.readTree(call.arguments());
          expected =
              args.hasNonNull("expected_solution") ? args.get("expected_solution").asText() : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException ignored) {
          // submit's arguments were validated before it ran
        }
        submitted = new NodeEnd(result.outcome(), result.text(), expected, false);
      }
    }
    return Optional.ofNullable(submitted);
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
    Optional<String> refusal = toolGate(ctx.node(), call);
    if (refusal.isPresent()) {
      return ToolResult.error("A human declined this call: " + refusal.get());
    }
    try {
      return tool.get().run(ctx, args);
    } catch (RunControl.Cancelled e) {
      throw e;
    } catch (RuntimeException e) {
      return ToolResult.error("The tool failed: " + e.getMessage());
    }
  }

  /** Per-tool approval policy from settings: always (default), ask, never. */
  private Optional<String> toolGate(String node, ToolExecutionRequest call) {
    String policy = textSetting("tool.approval." + call.name()).orElse("always");
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
  private Optional<String> planGate(String node, NodeEnd end) {
    String policy =
        textSetting("workflow." + workflow.name() + "." + node + ".plan_approval")
            .orElse(
                workflow.nodes().get(node).planApproval() == null
                    ? "none"
                    : workflow.nodes().get(node).planApproval());
    if (!policy.equals("ask")) {
      return Optional.empty();
    }
    ObjectNode subject = JSON.createObjectNode().put("summary", end.summary());
    project
        .plans()
        .latest(runId)
        .ifPresent(p -> subject.put("plan", render(p)).put("revision", p.revision()));
    Decision d = awaitDecision(node, "plan", subject);
    if (d instanceof Decision.EditThenApprove e) {
      project.plans().revise(runId, "human", e.planText(), e.items());
    }
    return d instanceof Decision.Reject r ? Optional.of(r.comment()) : Optional.empty();
  }

  private Decision awaitDecision(String node, String kind, ObjectNode subject) {
    Approvals.Gate gate =
        project.approvals().pending(runId).filter(g -> g.kind().equals(kind)).orElse(null);
    if (gate == null) {
      gate = project.approvals().open(runId, node, kind, subject);
    }
    project.runs().setStatus(runId, RunStatus.WAITING_FOR_APPROVAL);
    Decision d;
    while (true) {
      control.awaitTurn();
      try {
        d = decisions.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunControl.Cancelled();
      }
      if (d != null) {
        break;
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
    project
        .approvals()
        .decide(
            gate,
            node,
            decision,
            d instanceof Decision.Reject r ? r.comment() : null,
            d.decidedBy(),
            change);
    project.runs().setStatus(runId, RunStatus.RUNNING);
    return d;
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
    return project
        .settings()
        .get("workflow." + workflow.name() + "." + node + ".model")
        .map(ModelConfig::fromJson)
        .orElse(model);
  }

  /** A setting whose JSON value is a string (settings hold JSON). */
  private Optional<String> textSetting(String key) {
    return project.settings().get(key).map(v -> parse(v).asText());
  }

  private Check.Result runCheck(String name) {
    Check check = checks.get(name);
    if (check == null) {
      throw new IllegalStateException("No check named " + name);
    }
    control.awaitTurn();
    Check.Result r =
        check.run(new Check.CheckContext(project, runId, task, expectedSolution, sandbox));
    ObjectNode v =
        JSON.createObjectNode()
            .put("check", name)
            .put("passed", r.passed())
            .put("report", r.report());
    record(EventType.VALIDATION_VERDICT, null, v);
    return r;
  }

  /** Every event the run records is a step: paused runs wait here, stepping lets one through. */
  private long record(EventType type, String node, ObjectNode payload) {
    control.awaitTurn();
    return project.events().append(runId, Event.of(type, node, payload.toString()));
  }

  /** Where a run stands according to its log: the current node and its conversation. */
  private record Position(String node, List<ChatMessage> messages) {}

  private Position resumePosition() {
    long last = project.events().lastSeq(runId);
    if (last == 0) {
      return new Position(null, null);
    }
    String node = null;
    List<ChatMessage> messages = new ArrayList<>();
    for (long from = 1; from <= last; from += 1_000) {
      for (RecordedEvent e : project.events().events(runId, from, 1_000)) {
        JsonNode p = parse(e.payloadJson());
        switch (e.type()) {
          case NODE_TRANSITION -> {
            pendingSubmit = null;
            node = p.get("to").asText();
            if (node.equals(SKILL_WRITER)) {
              succeededWith = p.path("succeeded_with").asText(null);
            }
            enteredBy = p.path("outcome").asText(null);
            messages = new ArrayList<>();
            messages.add(SystemMessage.from(nodeDef(node).promptText()));
          }
          case USER_MESSAGE -> messages.add(UserMessage.from(p.get("text").asText()));
          case MODEL_REQUEST -> modelCalls = Math.max(modelCalls, p.get("call").asInt());
          case MODEL_RESPONSE ->
              messages.add(ModelJson.responseFromJson(p.get("response").asText()).aiMessage());
          case TOOL_RESULT -> {
            messages.add(
                ToolExecutionResultMessage.from(
                    p.get("id").asText(null), p.get("name").asText(), p.get("text").asText()));
            // An accepted refusal ends its node like a submit does.
            if (p.get("name").asText().equals(RefusePlanTool.NAME)
                && !p.path("error").asBoolean()) {
              pendingSubmit =
                  JSON.createObjectNode()
                      .put("outcome", RefusePlanTool.OUTCOME)
                      .put("summary", p.get("text").asText());
            }
          }
          case TOOL_CALL -> {
            if (p.get("name").asText().equals("submit")) {
              JsonNode args = parse(p.get("arguments").asText("{}"));
              if (args.hasNonNull("expected_solution")) {
                expectedSolution = args.get("expected_solution").asText();
              }
              pendingSubmit = args;
            }
          }
          default -> {
            if (e.type() == EventType.OUTCOME) {
              throw new IllegalStateException("Run " + runId + " has already ended.");
            }
          }
        }
      }
    }
    return node == null ? new Position(null, null) : new Position(node, messages);
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("An event of this run is not JSON: " + e.getMessage(), e);
    }
  }
}
