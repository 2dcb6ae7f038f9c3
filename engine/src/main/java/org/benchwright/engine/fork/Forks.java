package org.benchwright.engine.fork;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.benchwright.engine.model.ModelJson;
import org.benchwright.engine.model.ScriptedChatModel;
import org.benchwright.engine.project.Event;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunInfo;
import org.benchwright.engine.project.TodoItem;

/**
 * Forks runs (ADR 0040): a new run whose history up to a step is its parent's, shared rather than
 * copied, and whose state at start is exactly the parent's after that step. The fork begins with
 * one FORK event saying who changed what there and why; continuing it (live, or as a replay) is the
 * runtime's.
 *
 * <p>A fork point must be a step the loop can go on from. A step inside an open model call (the
 * request is recorded, the answer not) or a running tool (its call is recorded, its result not)
 * moves back to the last step before that call, and the fork says so.
 */
public final class Forks {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ITEM = Pattern.compile("^- \\[([a-z]+)\\] (.+)$");

  private final Project project;

  public Forks(Project project) {
    this.project = project;
  }

  /**
   * Where a fork asked for at {@code requested} begins.
   *
   * @param seq the last step the fork shares
   * @param requested the step asked for
   * @param note why the point moved back; null when it did not
   */
  public record Point(long seq, long requested, String note) {
    public boolean moved() {
      return seq != requested;
    }
  }

  /** A fork made: the new run and where it begins. */
  public record Made(RunInfo fork, Point point) {}

  /**
   * The step a fork at {@code requested} begins after: the step itself when the loop can go on from
   * it, else the last step before the model call or tool it is inside.
   *
   * @throws IllegalArgumentException when the run has no such step, or the step comes before the
   *     run's first node began (there is no conversation to go on with)
   */
  public Point point(long runId, long requested) {
    long last = project.events().lastSeq(runId);
    if (requested < 1 || requested > last) {
      throw new IllegalArgumentException(
          "Run " + runId + " has events 1 to " + last + "; there is no event " + requested + ".");
    }
    long seq = requested;
    List<String> why = new ArrayList<>();
    while (true) {
      long before = seq;
      seq = outside(runId, seq, EventType.OUTCOME, null, "the run had ended", why);
      seq =
          outside(
              runId,
              seq,
              EventType.MODEL_REQUEST,
              EventType.MODEL_RESPONSE,
              "it is inside an open model call",
              why);
      seq =
          outside(
              runId,
              seq,
              EventType.TOOL_CALL,
              EventType.TOOL_RESULT,
              "it is inside a running tool",
              why);
      // A node's entry is two events (its transition, then its opening message): not between.
      Optional<RecordedEvent> entry =
          project.events().lastOf(runId, Set.of(EventType.NODE_TRANSITION), seq);
      if (entry.isPresent() && entry.get().seq() == seq) {
        seq = seq - 1;
        why.add("it is between a node's entry and its opening message");
      }
      if (seq == before) {
        break;
      }
    }
    if (project.events().lastOf(runId, Set.of(EventType.NODE_TRANSITION), seq).isEmpty()) {
      long first =
          project.events().stream(runId, Set.of(EventType.NODE_TRANSITION))
              .findFirst()
              .map(e -> e.seq() + 1)
              .orElse(-1L);
      throw new IllegalArgumentException(
          first < 0
              ? "Run " + runId + " never began its first node; there is nothing to fork."
              : "Event "
                  + requested
                  + " comes before run "
                  + runId
                  + " began its first node; fork at "
                  + first
                  + " or later.");
    }
    String note =
        seq == requested
            ? null
            : "Forked at "
                + seq
                + ", the last consistent step before "
                + requested
                + ": "
                + String.join("; ", why)
                + ".";
    return new Point(seq, requested, note);
  }

  /**
   * Moves {@code seq} before the newest {@code open} event at or before it that no {@code close}
   * event follows (by {@code seq}); with no close type, before the newest {@code open} event.
   */
  private long outside(
      long runId, long seq, EventType open, EventType close, String reason, List<String> why) {
    Optional<RecordedEvent> opened = project.events().lastOf(runId, Set.of(open), seq);
    if (opened.isEmpty()) {
      return seq;
    }
    if (close != null) {
      Optional<RecordedEvent> closed = project.events().lastOf(runId, Set.of(close), seq);
      if (closed.isPresent() && closed.get().seq() > opened.get().seq()) {
        return seq;
      }
    }
    why.add(reason);
    return opened.get().seq() - 1;
  }

  /**
   * Forks a run at a step with a change.
   *
   * @throws IllegalArgumentException when the step is not one to fork at, or the change does not
   *     fit the point (a reply that is not a valid turn, a tool result where no tool call waits, a
   *     plan that is blank); nothing is recorded then
   */
  public Made fork(long runId, long requested, ForkChange change) {
    RunInfo parent =
        project
            .runs()
            .find(runId)
            .orElseThrow(() -> new IllegalArgumentException("No run " + runId + "."));
    Point point = point(runId, requested);
    if (change.reply() != null) {
      Optional<RecordedEvent> at = event(runId, requested);
      if (point.seq() == requested
          && at.isPresent()
          && at.get().type() == EventType.MODEL_RESPONSE) {
        // To replace a recorded reply is to answer its call differently: fork before the call.
        point =
            movedBefore(
                runId, requested, EventType.MODEL_REQUEST, "the reply replaces this recorded one");
      }
      try {
        ScriptedChatModel.reply(change.reply()); // refused here, before anything is recorded
      } catch (org.benchwright.engine.model.ModelException e) {
        // A bad reply is bad input to the fork, as documented, not a failed model call.
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    if (change.toolResult() != null) {
      Optional<RecordedEvent> at = event(runId, requested);
      if (point.seq() == requested && at.isPresent() && at.get().type() == EventType.TOOL_RESULT) {
        point =
            movedBefore(
                runId, requested, EventType.TOOL_CALL, "the result replaces this recorded one");
      }
      if (pendingToolCall(runId, point.seq()).isEmpty()) {
        throw new IllegalArgumentException(
            "No tool call waits for its result at event "
                + point.seq()
                + "; fork at a tool call (or its result) to write the result.");
      }
    }
    List<TodoItem> items = null;
    if (change.plan() != null) {
      if (change.plan().isBlank()) {
        throw new IllegalArgumentException("The plan is blank.");
      }
      items = items(change.plan());
    }
    ObjectNode changed = JSON.createObjectNode();
    if (change.reply() != null) {
      changed.set("reply", change.reply());
    }
    if (change.toolResult() != null) {
      ObjectNode result = changed.putObject("tool_result").put("text", change.toolResult());
      pendingToolCall(runId, point.seq()).ifPresent(c -> result.put("id", c.id()));
    }
    if (change.plan() != null) {
      changed.put("plan", change.plan());
    }
    if (change.task() != null) {
      changed.put("task", change.task());
    }
    if (change.model() != null) {
      changed.set("model", parse(change.model().toJson()));
    }
    if (!change.nodeModels().isEmpty()) {
      ObjectNode models = changed.putObject("models");
      change.nodeModels().forEach((node, m) -> models.set(node, parse(m.toJson())));
    }
    if (!change.settings().isEmpty()) {
      ObjectNode settings = changed.putObject("settings");
      for (Map.Entry<String, String> s : change.settings().entrySet()) {
        settings.set(s.getKey(), parseSetting(s.getKey(), s.getValue()));
      }
    }
    EventPayload.Fork event =
        new EventPayload.Fork(
            parent.uid(),
            point.seq(),
            point.moved() ? point.requested() : null,
            point.note(),
            change.by(),
            change.why(),
            change.reuseDecisions(),
            changed);
    RunInfo fork =
        project
            .runs()
            .fork(
                runId,
                point.seq(),
                new NewRun(
                    parent.workflow(),
                    change.task() != null ? change.task() : parent.task(),
                    change.model() != null ? change.model().toJson() : parent.modelConfigJson()),
                Event.of(null, event));
    if (items != null) {
      project.plans().revise(fork.id(), "human", planText(change.plan()), items);
    }
    return new Made(fork, point);
  }

  private Point movedBefore(long runId, long requested, EventType call, String reason) {
    long opened =
        project
            .events()
            .lastOf(runId, Set.of(call), requested)
            .orElseThrow(() -> new IllegalArgumentException("No " + call + " before " + requested))
            .seq();
    Point before = point(runId, opened - 1);
    String note =
        "Forked at "
            + before.seq()
            + ", before the call event "
            + requested
            + " answers: "
            + reason
            + (before.note() == null ? "." : "; " + before.note());
    return new Point(before.seq(), requested, note);
  }

  /**
   * The recorded reply a fork at {@code seq} with a {@link ForkChange#reply} would replace, as a
   * script turn a person can edit and hand back: the reply at {@code seq} itself when it is one,
   * else the answer to the first model call after the fork point; empty when no call follows.
   */
  public Optional<ObjectNode> recordedReply(long runId, long seq) {
    Optional<RecordedEvent> at = event(runId, seq);
    long from =
        at.isPresent() && at.get().type() == EventType.MODEL_RESPONSE
            ? seq
            : point(runId, seq).seq() + 1;
    try (var replies = project.events().stream(runId, from, Set.of(EventType.MODEL_RESPONSE))) {
      return replies
          .findFirst()
          .map(e -> e.payload(EventPayload.ModelResponse.class).response())
          .filter(r -> r != null)
          .map(r -> ScriptedChatModel.turnOf(ModelJson.responseFromJson(r)));
    }
  }

  /** The first tool call of the newest reply at or before {@code seq} that has no result yet. */
  public Optional<ToolExecutionRequest> pendingToolCall(long runId, long seq) {
    Optional<RecordedEvent> reply =
        project.events().lastOf(runId, Set.of(EventType.MODEL_RESPONSE), seq);
    if (reply.isEmpty()) {
      return Optional.empty();
    }
    String json = reply.get().payload(EventPayload.ModelResponse.class).response();
    if (json == null) {
      return Optional.empty();
    }
    AiMessage ai = ModelJson.responseFromJson(json).aiMessage();
    if (!ai.hasToolExecutionRequests()) {
      return Optional.empty();
    }
    Set<String> answered = new HashSet<>();
    try (var results =
        project.events().stream(runId, reply.get().seq() + 1, Set.of(EventType.TOOL_RESULT))) {
      results
          .takeWhile(e -> e.seq() <= seq)
          .forEach(e -> answered.add(e.payload(EventPayload.ToolResult.class).id()));
    }
    return ai.toolExecutionRequests().stream()
        .filter(r -> r.id() == null || !answered.contains(r.id()))
        .findFirst();
  }

  private Optional<RecordedEvent> event(long runId, long seq) {
    return project.events().events(runId, seq, 1).stream().filter(e -> e.seq() == seq).findFirst();
  }

  /**
   * A plan revision written as the text {@link ForkChange#plan} reads back: its prose, then one
   * {@code - [status] item} line per TODO item (what a person edits at a fork).
   */
  public static String planAsText(org.benchwright.engine.project.PlanRevision revision) {
    StringBuilder sb = new StringBuilder();
    if (revision.planText() != null && !revision.planText().isBlank()) {
      sb.append(revision.planText().strip()).append("\n\n");
    }
    for (TodoItem item : revision.items()) {
      sb.append("- [").append(item.status()).append("] ").append(item.text()).append('\n');
    }
    return sb.toString().strip();
  }

  /** The TODO items of a plan written as text: lines {@code - [status] item}. */
  static List<TodoItem> items(String plan) {
    List<TodoItem> items = new ArrayList<>();
    for (String line : plan.split("\n")) {
      Matcher m = ITEM.matcher(line.strip());
      if (m.matches()) {
        // A refusal needs its proof, which a line of text cannot carry: it stays to do.
        String status =
            TodoItem.STATUSES.contains(m.group(1)) && !m.group(1).equals("refused")
                ? m.group(1)
                : "todo";
        items.add(new TodoItem(m.group(2).strip(), status, null));
      }
    }
    return items;
  }

  /** The plan's prose: its text without the item lines. */
  static String planText(String plan) {
    StringBuilder sb = new StringBuilder();
    for (String line : plan.split("\n")) {
      if (!ITEM.matcher(line.strip()).matches()) {
        sb.append(line).append('\n');
      }
    }
    return sb.toString().strip();
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A setting's value as JSON; a value that is not JSON is taken as a string. */
  private static JsonNode parseSetting(String key, String value) {
    try {
      return JSON.readTree(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return JSON.getNodeFactory().textNode(value);
    }
  }
}
