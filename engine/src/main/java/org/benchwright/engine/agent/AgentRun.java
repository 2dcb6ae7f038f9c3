package org.benchwright.engine.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.model.ModelGateway;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.engine.sandbox.RunSandbox;

/**
 * Walks one run through its workflow's graph: setup, node after node along the edges their outcomes
 * choose, checks between them, the plan gate, and the epilogue after success. Each node's
 * conversation is a {@link NodeLoop}; where the run stands is a {@link RunState} folded from its
 * log, so a run interrupted anywhere resumes from there.
 */
final class AgentRun {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A node sent back this often (reviewer or acceptance keeps rejecting) ends the run. */
  static final int MAX_VISITS = WorkflowDefinition.DEFAULT_MAX_VISITS;

  private final Project project;
  private final long runId;
  private final String task;
  private final WorkflowDefinition workflow;
  private final ModelConfig model;
  private final WorkflowCatalog catalog;
  private final ModelGateway gateway;
  private final Supplier<RunSandbox> sandbox;
  private final RunLog log;
  private final Gates gates;
  private final Optional<Epilogue> epilogue;
  private RunState state;

  AgentRun(
      Project project,
      long runId,
      String task,
      WorkflowDefinition workflow,
      ModelConfig model,
      ModelGateway gateway,
      RunControl control,
      WorkflowCatalog catalog,
      Supplier<RunSandbox> sandbox) {
    this.project = project;
    this.runId = runId;
    this.task = task;
    this.workflow = workflow;
    this.model = model;
    this.catalog = catalog;
    this.gateway = gateway;
    this.sandbox = sandbox;
    this.log = new RunLog(project, runId, control);
    this.gates = new Gates(log, workflow, () -> state);
    this.epilogue = catalog.epilogue(workflow.epilogue());
  }

  void decide(Decision d) {
    gates.decide(d);
  }

  /** Runs to the end (or resumes from the log) and returns how it ended. */
  RunOutcome execute() {
    long start = System.currentTimeMillis();
    try {
      project.runs().setStatus(runId, RunStatus.RUNNING);
      state = RunState.fold(project, runId, this::nodeDef, catalog::tool);
      NodeLoop loop = new NodeLoop(log, state, gates, gateway, model, workflow.name(), sandbox);
      if (state.node == null) {
        log.record(
            null,
            new EventPayload.RunStarted(workflow.name(), task, JSON.readTree(model.toJson())));
        if (workflow.setup() != null) {
          Check.Result setup = runCheck(workflow.setup());
          if (!setup.passed()) {
            return finish(RunStatus.FAILED, "failed", setup.report(), start);
          }
        }
        enter(null, workflow.start(), "start", "Task: " + task);
      }
      while (true) {
        String node = state.node;
        NodeEnd end;
        if (state.pendingEnd != null
            && state.messages.getLast() instanceof ToolExecutionResultMessage) {
          // Interrupted after the node ended (for example at its plan gate): go on from there.
          end = state.pendingEnd;
          state.pendingEnd = null;
        } else {
          end = loop.run(spec(node), state.messages);
        }
        if (isEpilogue(node)) {
          if (end.failed()) {
            // The run did succeed; an epilogue that failed is worth a note, not a failure.
            log.record(node, new EventPayload.Failure(node.replace('-', '_'), end.summary()));
          }
          return finish(RunStatus.SUCCEEDED, "passed", state.succeededWith, start);
        }
        if (end.failed()) {
          // A node that failed with an outcome (the model refused) ends the run with it.
          return finish(
              RunStatus.FAILED,
              end.outcome() == null ? "failed" : end.outcome(),
              end.summary(),
              start);
        }
        if (end.expectedSolution() != null) {
          state.expectedSolution = end.expectedSolution();
        }
        Optional<String> rejection = gates.planGate(node, end.summary());
        if (rejection.isPresent()) {
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
          state.succeededWith = feedback;
          Optional<String> opening =
              epilogue.flatMap(e -> e.opening(checkContext(), state.succeededWith));
          if (opening.isEmpty()) {
            return finish(RunStatus.SUCCEEDED, "passed", feedback, start);
          }
          enter(node, epilogue.get().name(), end.outcome(), opening.get());
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
        if (++state.visits.computeIfAbsent(target, k -> new int[1])[0] > limit) {
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
        enter(node, target, end.outcome(), contextFor(node, feedback));
      }
    } catch (RunControl.Cancelled e) {
      return finish(RunStatus.CANCELLED, "cancelled", "Cancelled by the user.", start);
    } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
      String reason = "The engine failed: " + e.getMessage();
      try {
        log.record(null, new EventPayload.Failure("engine", String.valueOf(e.getMessage())));
      } catch (RuntimeException ignored) {
        // the project itself may be what failed; the status below still tries
      }
      return finish(RunStatus.FAILED, "failed", reason, start);
    }
  }

  private RunOutcome finish(RunStatus status, String outcome, String reason, long start) {
    project
        .events()
        .append(runId, Event.of(null, new EventPayload.Outcome(status.name(), outcome, reason)));
    project.runs().finish(runId, status, outcome, reason, System.currentTimeMillis() - start);
    return new RunOutcome(runId, status, reason);
  }

  /** Records a transition and the new node's opening message, and makes it the current node. */
  private void enter(String from, String to, String outcome, String context) {
    state.enteredBy = outcome;
    ArrayNode specs = JSON.createArrayNode();
    for (Tool tool : toolsOf(to)) {
      specs.add(RunState.parse(tool.spec().toJson()));
    }
    // The node's system prompt and tools as they were, so its episode can be exported as
    // training data even after the workflow's definition changes.
    log.record(
        to,
        new EventPayload.NodeTransition(
            to,
            outcome,
            from,
            nodeDef(to).promptText(),
            isEpilogue(to) ? state.succeededWith : null,
            specs));
    log.record(to, new EventPayload.UserMessage(context));
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(SystemMessage.from(nodeDef(to).promptText()));
    messages.add(UserMessage.from(context));
    state.node = to;
    state.messages = messages;
  }

  private String contextFor(String from, String feedback) {
    StringBuilder sb = new StringBuilder("Task: ").append(task).append('\n');
    project
        .plans()
        .latest(runId)
        .ifPresent(
            p ->
                sb.append("\nPlan (revision ")
                    .append(p.revision())
                    .append("):\n")
                    .append(Gates.render(p)));
    sb.append("\nFrom ").append(from).append(":\n").append(feedback);
    return sb.toString();
  }

  private boolean isEpilogue(String node) {
    return epilogue.isPresent() && epilogue.get().name().equals(node);
  }

  private WorkflowDefinition.Node nodeDef(String node) {
    WorkflowDefinition.Node def =
        isEpilogue(node) ? epilogue.get().node() : workflow.nodes().get(node);
    if (def == null) {
      throw new IllegalStateException(
          "Run "
              + runId
              + " is in node '"
              + node
              + "', which workflow "
              + workflow.name()
              + " does not have.");
    }
    return def;
  }

  private NodeLoop.NodeSpec spec(String node) {
    WorkflowDefinition.Node def = nodeDef(node);
    WriteGuard guard =
        def.writeGuard() == null
            ? WriteGuard.ANY
            : catalog.writeGuard(def.writeGuard()).orElseThrow();
    return new NodeLoop.NodeSpec(node, def, toolsOf(node), submitOutcomes(node), guard);
  }

  private List<Tool> toolsOf(String node) {
    List<String> outcomes = submitOutcomes(node);
    List<Tool> tools =
        new java.util.ArrayList<>(
            nodeDef(node).tools().stream()
                .map(
                    name ->
                        name.equals(WorkflowCatalog.SUBMIT)
                            ? Tools.submit(outcomes)
                            : catalog.tool(name).orElseThrow())
                .toList());
    java.util.Set<String> named = new java.util.HashSet<>();
    tools.forEach(t -> named.add(t.name()));
    for (Tool extra : catalog.projectTools(project, workflow.name())) {
      if (named.add(extra.name())) {
        tools.add(extra);
      }
    }
    return List.copyOf(tools);
  }

  /**
   * The outcomes submit offers: the node's edges, less those a tool of the node ends it with (a
   * refusal goes through the tool that demands evidence, never through a plain submit).
   */
  private List<String> submitOutcomes(String node) {
    if (isEpilogue(node)) {
      return epilogue.get().outcomes();
    }
    List<String> dedicated =
        nodeDef(node).tools().stream()
            .flatMap(t -> catalog.tool(t).stream())
            .flatMap(t -> t.endsNodeWith().stream())
            .toList();
    return workflow.outcomesOf(node, state.enteredBy).stream()
        .filter(o -> !dedicated.contains(o))
        .toList();
  }

  private Check.CheckContext checkContext() {
    return new Check.CheckContext(project, runId, task, state.expectedSolution, sandbox);
  }

  private Check.Result runCheck(String name) {
    Check check =
        catalog.check(name).orElseThrow(() -> new IllegalStateException("No check named " + name));
    log.control().awaitTurn();
    Check.Result r = check.run(checkContext());
    log.record(null, new EventPayload.ValidationVerdict(name, r.passed(), r.report()));
    return r;
  }
}
