package org.benchwright.engine.project;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an event says, one record per {@link EventType}. {@link EventCodec} reads and writes them.
 *
 * <p>The stored JSON is the contract: project files written by every earlier release hold it. A
 * component {@code fooBar} is stored as {@code foo_bar}; a null component is left out of the JSON
 * (unless it says otherwise), and a component that is null on the record may be missing from an old
 * file. A component checked in the compact constructor is required: an event without it is damaged.
 * Open-ended parts (a model configuration, tool specs, a check's own result) stay {@link
 * JsonNode}s, because their shape belongs to whoever wrote them, not to the log.
 *
 * <p>To add a kind of event: one record here and one constant in {@link EventType} naming it.
 */
public sealed interface EventPayload {

  /** The kind of event this payload belongs to. */
  default EventType type() {
    return EventType.of(getClass());
  }

  /**
   * A run began.
   *
   * @param model the run's model configuration as {@code ModelConfig.toJson} wrote it
   */
  record RunStarted(String workflow, String task, JsonNode model) implements EventPayload {}

  /** A run's end, for workflows that record one besides its {@link Outcome}; free-form. */
  record RunEnded(ObjectNode fields) implements EventPayload {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public RunEnded {
      fields = fields == null ? JsonNodeFactory.instance.objectNode() : fields;
    }

    @JsonValue
    @Override
    public ObjectNode fields() {
      return fields;
    }
  }

  /**
   * The run entered a node.
   *
   * @param outcome the outcome that chose this edge ({@code start} for the first node)
   * @param from the node left, null for the first
   * @param system the node's system prompt
   * @param succeededWith for the skill writer: the outcome the run succeeded with
   * @param tools the tool specs offered to the node, as the tool API describes them
   */
  record NodeTransition(
      String to, String outcome, String from, String system, String succeededWith, JsonNode tools)
      implements EventPayload {
    public NodeTransition {
      Objects.requireNonNull(to, "to");
    }
  }

  /** A message added to the node's conversation by the engine or a human. */
  record UserMessage(String text) implements EventPayload {
    public UserMessage {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A model call is about to be made.
   *
   * @param call the run's model call number, from 1
   * @param fingerprint what identifies the request to the replay provider
   * @param messages how many messages were sent
   */
  record ModelRequest(Integer call, String fingerprint, int messages) implements EventPayload {}

  /**
   * A model call answered.
   *
   * @param costUsd null in records that did not price the call
   * @param latencyMs null in records that did not time the call
   * @param retries the failed attempts before the answer, as the model gateway describes them
   * @param reasoning the model's reasoning text, when it gave one
   * @param response the response as {@code ModelJson.responseToJson} wrote it; every run records
   *     one, but summaries read token counts from records that hold nothing else
   * @param finishReason why the model stopped ({@code model.Finish}: STOP, LENGTH, TOOL_CALLS,
   *     REFUSAL, CONTENT_FILTER, OTHER); null in records made before it was kept
   * @param refusal what the model said when it declined the request; null when it did not
   */
  record ModelResponse(
      Integer call,
      long inputTokens,
      long outputTokens,
      Double costUsd,
      Long latencyMs,
      Integer attempts,
      JsonNode retries,
      String reasoning,
      String response,
      String finishReason,
      String refusal)
      implements EventPayload {

    /** The reply hit the output token limit: what it says is cut short. */
    public boolean truncated() {
      return "LENGTH".equals(finishReason);
    }
  }

  /**
   * The model asked for a tool.
   *
   * @param arguments the arguments exactly as the model wrote them (not necessarily valid JSON)
   */
  record ToolCall(String id, String name, String arguments) implements EventPayload {
    public ToolCall {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * A tool answered a call; {@code error} when it refused or failed.
   *
   * @param endsWith the outcome the result ended its node with, for tools other than submit (whose
   *     call says it); null when the node goes on, and in records made before tools declared it
   */
  record ToolResult(String id, String name, boolean error, String text, String endsWith)
      implements EventPayload {
    public ToolResult {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * A command ran in the run's sandbox. The full output is in the blobs the sha256 fields name.
   *
   * @param exitCode null when the command was killed before it exited; stored as an explicit null
   * @param termination EXIT, TIMEOUT, OUT_OF_MEMORY, OUTPUT_LIMIT or ENGINE_ERROR; null reads as
   *     EXIT
   * @param command the command and its arguments; every run records it, but summaries read
   *     durations from records that hold nothing else, so readers that show it check it
   * @param limits the sandbox limits it ran under
   */
  record SandboxExec(
      List<String> command,
      @JsonInclude(JsonInclude.Include.ALWAYS) Integer exitCode,
      long durationMs,
      String termination,
      boolean sessionRestarted,
      boolean outputTruncated,
      String stdoutSha256,
      String stderrSha256,
      String stdoutPreview,
      String stderrPreview,
      String detail,
      JsonNode limits)
      implements EventPayload {
    public SandboxExec {
      command = command == null ? null : List.copyOf(command);
    }
  }

  /**
   * A run file was written or deleted. The event's blob holds the written content.
   *
   * @param sha256 the content's blob; null for a delete
   * @param size the content's length in bytes; null for a delete
   * @param op {@code write}, {@code symlink} (the blob holds the target) or {@code delete}; the
   *     first release stored none, meaning write
   */
  record FileChange(String path, String sha256, Long size, String op) implements EventPayload {
    public FileChange {
      Objects.requireNonNull(path, "path");
    }

    public static FileChange write(String path, String sha256, long size) {
      return new FileChange(path, sha256, size, "write");
    }

    public static FileChange delete(String path) {
      return new FileChange(path, null, null, "delete");
    }

    /** A symbolic link, recorded as such: its blob holds the target as UTF-8 text. */
    public static FileChange symlink(String path, String sha256, long size) {
      return new FileChange(path, sha256, size, "symlink");
    }

    public boolean symlink() {
      return "symlink".equals(op);
    }

    public boolean deleted() {
      return "delete".equals(op);
    }
  }

  /** A new revision of the run's plan and TODO list. */
  record TodoChange(int revision, String plan, List<TodoItem> items) implements EventPayload {
    public TodoChange {
      items = items == null ? List.of() : List.copyOf(items);
    }
  }

  /**
   * A human gate opened.
   *
   * @param kind {@code plan} or {@code tool:NAME}
   * @param subject what is to be decided, as the gate's owner describes it
   */
  record GateOpened(String kind, JsonNode subject) implements EventPayload {
    public GateOpened {
      Objects.requireNonNull(kind, "kind");
    }
  }

  /**
   * A human gate was decided.
   *
   * @param gateSeq the seq of the GATE_OPENED event
   * @param decision approved, rejected or edited
   * @param change what an edit changed, as the gate's owner describes it
   */
  record GateDecided(
      long gateSeq, String kind, String decision, String decidedBy, String comment, JsonNode change)
      implements EventPayload {
    public GateDecided {
      Objects.requireNonNull(decision, "decision");
    }

    public boolean rejected() {
      return decision.startsWith("reject");
    }
  }

  /**
   * A check judged the run's work.
   *
   * @param result the check's full result, as the check wrote it
   * @param details the check's own top-level fields (a simulation's variants, a price check's
   *     parts), stored beside the common ones as earlier releases did
   */
  record ValidationVerdict(
      String check,
      @JsonProperty(required = true) boolean passed,
      String report,
      JsonNode result,
      @JsonAnySetter Map<String, JsonNode> details)
      implements EventPayload {
    public ValidationVerdict {
      details =
          details == null
              ? Map.of()
              : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public ValidationVerdict(String check, boolean passed, String report) {
      this(check, passed, report, null, null);
    }

    @JsonAnyGetter
    @Override
    public Map<String, JsonNode> details() {
      return details;
    }
  }

  /** A measured value. */
  record Metric(String name, double value) implements EventPayload {
    public Metric {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * Something went wrong; stored as an ERROR event (named so it does not read as {@link
   * java.lang.Error}).
   *
   * @param kind what failed: engine, skill_writer, model_KIND, tool, ...
   */
  record Failure(String kind, String message) implements EventPayload {}

  /**
   * How the run ended.
   *
   * @param status the run's final {@link RunStatus} name
   * @param outcome the outcome of the last node (passed, failed, refused, ...)
   */
  record Outcome(String status, String outcome, String reason) implements EventPayload {}

  /**
   * What a command left in the sandbox's workspace that was not copied out and recorded, and why:
   * over a cap (file count, one file's size, the run's total), a sparse file, not a regular file or
   * link, a name that cannot be recorded. Nothing of these is in the run's files.
   *
   * @param files the entries, each with path, size (-1 unknown) and reason, at most 100
   * @param more entries not listed one by one (beyond the 100, or beyond the file-count cap)
   * @param summary one sentence for the entries beyond the file-count cap, or null
   */
  record WorkspaceSkipped(List<SkippedFile> files, long more, String summary)
      implements EventPayload {
    public WorkspaceSkipped {
      files = files == null ? List.of() : List.copyOf(files);
    }

    /** One entry not copied out. */
    public record SkippedFile(String path, long size, String reason) {}
  }

  /** A remark for people reading the run (a sandbox restart, ...); free-form. */
  record Note(ObjectNode fields) implements EventPayload {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Note {
      fields = fields == null ? JsonNodeFactory.instance.objectNode() : fields;
    }

    /** A note of text fields, in the order given: {@code of("sandbox", "restarted", ...)}. */
    public static Note of(String... keysAndValues) {
      if (keysAndValues.length % 2 != 0) {
        throw new IllegalArgumentException("Note.of takes keys and values in pairs");
      }
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      for (int i = 0; i < keysAndValues.length; i += 2) {
        o.put(keysAndValues[i], keysAndValues[i + 1]);
      }
      return new Note(o);
    }

    @JsonValue
    @Override
    public ObjectNode fields() {
      return fields;
    }
  }

  /**
   * One experiment of an experiment-loop run: what was tried, what it measured, what was decided.
   */
  record Experiment(
      int index,
      String id,
      String parent,
      String hypothesis,
      String summary,
      String status,
      Double metric,
      Double best,
      Double delta,
      Double noise,
      String direction,
      String reason,
      long durationMs,
      Long peakMemoryBytes,
      long execSeq,
      String diffSha,
      int fixAttempt)
      implements EventPayload {}

  /**
   * A step of finding, synthesizing or using a capability (ADR 0038).
   *
   * @param step search, not_found, spec, tests, code, registered, abandoned, call, answer
   * @param name the capability, when the step concerns one
   * @param version its version, when known
   * @param ok whether the step succeeded (the tests failed empty, passed with the code, the call
   *     returned a valid value)
   * @param detail what happened, in words
   * @param data the step's material: the query and the candidates with their scores, the spec, the
   *     tests or code, the test counts, the arguments and the value
   */
  record Capability(
      String step, String name, Integer version, boolean ok, String detail, JsonNode data)
      implements EventPayload {
    public Capability {
      Objects.requireNonNull(step, "step");
    }
  }

  /**
   * A step of an automl run (ADR 0039).
   *
   * @param step profile, plan, candidate, ensemble, prediction
   * @param name the candidate or model, when the step concerns one
   * @param status ok, crashed, over_budget, invalid (a plan or code the harness refused)
   * @param detail what happened, in words (the reason for any status but ok)
   * @param data the step's material: the harness's result JSON (metric, CV mean and std, fold
   *     scores, params, fit/predict time, memory, wall time), the budget given, the exec's seq and
   *     the run-file paths of its code and model
   */
  record AutoMl(String step, String name, String status, String detail, JsonNode data)
      implements EventPayload {
    public AutoMl {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(status, "status");
    }
  }

  /**
   * The first event of a fork (ADR 0040): which run it branched from, where, and what a person
   * changed there. Events up to {@code atSeq} are the parent's, shared and not copied.
   *
   * @param parent the uid of the run forked
   * @param atSeq the fork point: the last event the fork shares
   * @param requestedSeq the event asked for, when the fork point moved back from it
   * @param note why it moved (the step was inside an open model call or a running tool)
   * @param by who made the fork
   * @param why their reason, in their words
   * @param reuseDecisions whether the gates the parent decided after the fork point are decided the
   *     same way in the fork; otherwise each opens again for a person
   * @param change what differs from the parent at the fork point: {@code reply} (a model reply in
   *     the shape of a script turn), {@code tool_result} ({@code id}, {@code text}), {@code plan},
   *     {@code task}, {@code model} (a model config), {@code models} (a model config per node) and
   *     {@code settings} (JSON values the run's loop reads: gates, per-node models)
   */
  record Fork(
      String parent,
      long atSeq,
      Long requestedSeq,
      String note,
      String by,
      String why,
      boolean reuseDecisions,
      ObjectNode change)
      implements EventPayload {
    public Fork {
      Objects.requireNonNull(parent, "parent");
      change = change == null ? JsonNodeFactory.instance.objectNode() : change;
    }
  }
}
