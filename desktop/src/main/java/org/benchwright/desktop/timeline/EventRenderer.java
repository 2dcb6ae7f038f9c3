package org.benchwright.desktop.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import java.util.Locale;
import org.benchwright.desktop.experiments.ExperimentRow;
import org.benchwright.desktop.timeline.EventEntry.Kind;
import org.benchwright.desktop.timeline.EventEntry.Verdict;
import org.benchwright.engine.model.ModelJson;
import org.benchwright.engine.project.EventCodec;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventPayload.AutoMl;
import org.benchwright.engine.project.EventPayload.Capability;
import org.benchwright.engine.project.EventPayload.Experiment;
import org.benchwright.engine.project.EventPayload.Failure;
import org.benchwright.engine.project.EventPayload.FileChange;
import org.benchwright.engine.project.EventPayload.Fork;
import org.benchwright.engine.project.EventPayload.GateDecided;
import org.benchwright.engine.project.EventPayload.GateOpened;
import org.benchwright.engine.project.EventPayload.Metric;
import org.benchwright.engine.project.EventPayload.ModelRequest;
import org.benchwright.engine.project.EventPayload.ModelResponse;
import org.benchwright.engine.project.EventPayload.NodeTransition;
import org.benchwright.engine.project.EventPayload.Note;
import org.benchwright.engine.project.EventPayload.Outcome;
import org.benchwright.engine.project.EventPayload.RunEnded;
import org.benchwright.engine.project.EventPayload.RunStarted;
import org.benchwright.engine.project.EventPayload.SandboxExec;
import org.benchwright.engine.project.EventPayload.TodoChange;
import org.benchwright.engine.project.EventPayload.ToolCall;
import org.benchwright.engine.project.EventPayload.ToolResult;
import org.benchwright.engine.project.EventPayload.UserMessage;
import org.benchwright.engine.project.EventPayload.ValidationVerdict;
import org.benchwright.engine.project.EventPayload.WorkspaceSkipped;
import org.benchwright.engine.project.ProjectException.UnreadableEvent;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.TodoItem;

/**
 * Turns recorded events into {@link EventEntry}s. Runs off the FX thread, a page at a time. A
 * payload it cannot read becomes an "unreadable event" entry: one damaged event never hides the
 * others, and nothing is written back.
 */
public final class EventRenderer {

  /** Bodies longer than this show an excerpt; the rest is behind the expander. */
  static final int BODY_CHARS = 600;

  static final int BODY_LINES = 12;

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventRenderer() {}

  public static EventEntry render(RecordedEvent e) {
    EventPayload payload;
    try {
      payload = e.payload();
    } catch (UnreadableEvent ex) {
      return unreadable(e, ex.problem().describe(e.type()));
    }
    try {
      return switch (payload) {
        case RunStarted p -> runStarted(e, p);
        case RunEnded p -> plain(e, Kind.SYSTEM, "Run ended", compact(p.fields()));
        case NodeTransition p -> transition(e, p);
        case UserMessage p -> message(e, p);
        case ModelRequest p ->
            plain(
                e,
                Kind.MODEL_CALL,
                "Model call #" + orUnknown(p.call()),
                p.messages() + " messages sent");
        case ModelResponse p -> response(e, p);
        case ToolCall p -> toolCall(e, p);
        case ToolResult p -> toolResult(e, p);
        case SandboxExec p -> exec(e, p);
        case FileChange p -> file(e, p);
        case TodoChange p -> todo(e, p);
        case GateOpened p -> gateOpened(e, p);
        case GateDecided p -> gateDecided(e, p);
        case ValidationVerdict p -> verdict(e, p);
        case Metric p -> plain(e, Kind.METRIC, "Metric", pretty(EventCodec.toTree(p)));
        case Failure p ->
            entry(
                e,
                Kind.ERROR,
                Verdict.FAILED,
                "Error" + paren(p.kind()),
                p.message() != null ? p.message() : compact(EventCodec.toTree(p)));
        case Outcome p -> outcome(e, p);
        case Note p -> plain(e, Kind.NOTE, "Note", noteText(p.fields()));
        case WorkspaceSkipped p -> skipped(e, p);
        case Experiment p -> experiment(e, p);
        case Capability p -> capability(e, p);
        case AutoMl p -> autoMl(e, p);
        case Fork p -> fork(e, p);
      };
    } catch (RuntimeException ex) {
      // The codec reads what is there; a field this view needs and the codec does not (an exec's
      // command, a response that does not parse) makes the event unreadable here.
      return unreadable(e, UnreadableEvent.Problem.MISSING_FIELDS.describe(e.type()));
    }
  }

  /** "Capability reverse_string v1: registered": the step, and what it found or did. */
  private static EventEntry capability(RecordedEvent e, Capability p) {
    String title =
        "Capability"
            + (p.name() == null ? "" : " " + p.name())
            + (p.version() == null ? "" : " v" + p.version())
            + ": "
            + p.step().replace('_', ' ');
    String body = p.detail() == null ? "" : p.detail();
    if (p.data() != null && !p.data().isEmpty()) {
      body = body + (body.isEmpty() ? "" : "\n\n") + pretty(p.data());
    }
    return entry(e, Kind.VERDICT, p.ok() ? Verdict.PASSED : Verdict.FAILED, title, body);
  }

  /**
   * "Forked at event 57 by alice: try a steeper ramp": where the fork parts from its parent and
   * why; below, what was changed there (the reply, tool result, plan, task, model, settings) and
   * whether the parent's gate decisions are reused. The parent is named by its uid here (the event
   * records only that); the timeline's fork banner names it by id.
   */
  private static EventEntry fork(RecordedEvent e, Fork p) {
    String title =
        "Forked at event "
            + p.atSeq()
            + " by "
            + or(p.by(), "?")
            + (p.why() == null || p.why().isBlank() ? "" : ": " + p.why().strip());
    StringBuilder body = new StringBuilder();
    body.append("From run ").append(p.parent());
    if (p.note() != null) {
      body.append('\n').append(p.note());
    }
    body.append('\n')
        .append(p.reuseDecisions() ? "Gate decisions reused" : "Gates open again for a person");
    if (p.change() == null || p.change().isEmpty()) {
      body.append("\nNo change: a plain branch");
    } else {
      body.append("\nChanged: ").append(String.join(", ", fieldNames(p.change())));
      body.append("\n\n").append(pretty(p.change()));
    }
    return entry(e, Kind.FORK, Verdict.NONE, title, body.toString());
  }

  private static java.util.List<String> fieldNames(JsonNode n) {
    java.util.List<String> names = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(f -> names.add(f.replace('_', ' ')));
    return names;
  }

  /** "AutoML candidate lgbm: ok" with the harness's numbers, or the reason it failed. */
  private static EventEntry autoMl(RecordedEvent e, AutoMl p) {
    String title =
        "AutoML " + p.step() + (p.name() == null ? "" : " " + p.name()) + ": " + p.status();
    String body = p.detail() == null ? "" : p.detail();
    if (p.data() != null && !p.data().isEmpty()) {
      body = body + (body.isEmpty() ? "" : "\n\n") + pretty(p.data());
    }
    return entry(
        e, Kind.VERDICT, "ok".equals(p.status()) ? Verdict.PASSED : Verdict.FAILED, title, body);
  }

  /**
   * "Experiment #3 kept: metric 0.93 (Δ +0.012 > noise 0.004)": what was decided and the numbers it
   * was decided on; the hypothesis, change and reason below.
   */
  private static EventEntry experiment(RecordedEvent e, Experiment p) {
    String status = p.status() == null ? "recorded" : p.status();
    StringBuilder title = new StringBuilder("Experiment #").append(p.index()).append(' ');
    title.append(status);
    if (p.metric() != null) {
      title.append(": metric ").append(ExperimentRow.number(p.metric()));
      if (p.delta() != null && !"baseline".equals(status)) {
        title.append(" (Δ ").append(ExperimentRow.signed(p.delta()));
        if (p.noise() != null) {
          // Kept: it beat the best by more than the noise; otherwise it did not.
          title
              .append("kept".equals(status) ? " > noise " : " ≤ noise ")
              .append(ExperimentRow.number(p.noise()));
        }
        title.append(')');
      }
    } else if ("crashed".equals(status)) {
      title.append(": no metric");
    }
    if (p.fixAttempt() > 0) {
      title.append(" · fix attempt ").append(p.fixAttempt());
    }
    StringBuilder body = new StringBuilder();
    appendLine(body, "Hypothesis", p.hypothesis());
    appendLine(body, "Change", p.summary());
    appendLine(body, "Reason", p.reason());
    Verdict verdict =
        switch (status) {
          case "kept" -> Verdict.PASSED;
          case "crashed" -> Verdict.FAILED;
          default -> Verdict.NONE;
        };
    return entry(e, Kind.METRIC, verdict, title.toString(), body.toString().strip());
  }

  private static void appendLine(StringBuilder sb, String label, String text) {
    if (text != null && !text.isBlank()) {
      sb.append(label).append(": ").append(text.strip()).append('\n');
    }
  }

  private static EventEntry skipped(RecordedEvent e, WorkspaceSkipped p) {
    StringBuilder sb = new StringBuilder();
    for (WorkspaceSkipped.SkippedFile f : p.files()) {
      sb.append(f.path()).append(": ").append(f.reason()).append('\n');
    }
    if (p.summary() != null) {
      sb.append(p.summary()).append('\n');
    } else if (p.more() > 0) {
      sb.append("and ").append(p.more()).append(" more\n");
    }
    long n = p.files().size() + p.more();
    return entry(
        e, Kind.NOTE, Verdict.FAILED, "Files not recorded (" + n + ")", sb.toString().strip());
  }

  /** What a cell shows when its page could not be read at all. */
  static EventEntry failedToLoad(long seq, String reason) {
    return new EventEntry(
        seq,
        null,
        null,
        null,
        Kind.UNREADABLE,
        Verdict.FAILED,
        "Unreadable event",
        "Event " + seq + " could not be read from the project: " + reason,
        null,
        null,
        null);
  }

  private static EventEntry unreadable(RecordedEvent e, String why) {
    String raw = e.payloadJson() == null ? "(no payload)" : e.payloadJson();
    return new EventEntry(
        e.seq(),
        e.type(),
        e.node(),
        e.timestamp(),
        Kind.UNREADABLE,
        Verdict.FAILED,
        "Unreadable event",
        "This "
            + e.type()
            + " event cannot be shown: "
            + why
            + ". The recorded event is kept as it is.",
        "Recorded payload",
        raw.length() > 20_000 ? raw.substring(0, 20_000) + "…" : raw,
        null);
  }

  private static EventEntry runStarted(RecordedEvent e, RunStarted p) {
    JsonNode m = p.model();
    String model =
        m != null && m.isObject()
            ? m.path("provider").asText("") + "/" + m.path("model").asText("")
            : "";
    return plain(
        e,
        Kind.SYSTEM,
        "Run started · " + or(p.workflow(), "?"),
        "Task: " + or(p.task(), "") + (model.isEmpty() ? "" : "\nModel: " + model));
  }

  private static EventEntry transition(RecordedEvent e, NodeTransition p) {
    String title = (p.from() == null ? "Start → " : p.from() + " → ") + p.to();
    String body = "outcome: " + or(p.outcome(), "?");
    String system = p.system();
    return new EventEntry(
        e.seq(),
        e.type(),
        e.node(),
        e.timestamp(),
        Kind.TRANSITION,
        Verdict.NONE,
        title,
        body,
        system == null ? null : "System prompt",
        system,
        null);
  }

  private static EventEntry message(RecordedEvent e, UserMessage p) {
    return entry(
        e,
        Kind.MESSAGE,
        Verdict.NONE,
        "Message to " + (e.node() == null ? "the run" : e.node()),
        p.text());
  }

  private static EventEntry response(RecordedEvent e, ModelResponse p) {
    StringBuilder title = new StringBuilder("Model response #").append(orUnknown(p.call()));
    title
        .append(" · ")
        .append(p.inputTokens())
        .append(" in / ")
        .append(p.outputTokens())
        .append(" out");
    if (p.costUsd() != null) {
      title.append(String.format(Locale.ROOT, " · $%.4f", p.costUsd()));
    }
    if (p.latencyMs() != null) {
      title.append(" · ").append(seconds(p.latencyMs()));
    }
    // A refusal and a reply cut by the token limit are what a reader steps through a run to find.
    if (p.refusal() != null) {
      title.append(" · REFUSED");
    } else if (p.truncated()) {
      title.append(" · TRUNCATED at the output token limit");
    }
    StringBuilder body = new StringBuilder();
    if (p.refusal() != null) {
      body.append("Refused: ").append(p.refusal().strip());
    } else if (p.response() != null) {
      AiMessage ai = ModelJson.responseFromJson(p.response()).aiMessage();
      if (ai.text() != null && !ai.text().isBlank()) {
        body.append(ai.text().strip());
      }
      if (ai.hasToolExecutionRequests()) {
        for (ToolExecutionRequest r : ai.toolExecutionRequests()) {
          if (!body.isEmpty()) {
            body.append('\n');
          }
          body.append("→ ").append(r.name()).append(' ').append(oneLine(r.arguments(), 160));
        }
      }
    }
    String reasoning = p.reasoning();
    Excerpt x = excerpt(body.isEmpty() ? "(no text)" : body.toString());
    String detailLabel = reasoning != null ? "Reasoning" : x.rest() != null ? "Show all" : null;
    String detail =
        reasoning != null
            ? (x.rest() != null ? reasoning + "\n\n── full response ──\n" + body : reasoning)
            : x.rest();
    return new EventEntry(
        e.seq(),
        e.type(),
        e.node(),
        e.timestamp(),
        Kind.RESPONSE,
        p.refusal() != null || p.truncated() ? Verdict.FAILED : Verdict.NONE,
        title.toString(),
        x.text(),
        detailLabel,
        detail,
        null);
  }

  private static EventEntry toolCall(RecordedEvent e, ToolCall p) {
    String args = or(p.arguments(), "");
    String shown;
    try {
      JsonNode a = JSON.readTree(args);
      shown = a == null ? args : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(a);
    } catch (JsonProcessingException ex) {
      shown = args; // the model's arguments as it wrote them; the result says what was wrong
    }
    return entry(e, Kind.TOOL_CALL, Verdict.NONE, "Tool call: " + p.name(), shown);
  }

  private static EventEntry toolResult(RecordedEvent e, ToolResult p) {
    return entry(
        e,
        Kind.TOOL_RESULT,
        p.error() ? Verdict.FAILED : Verdict.NONE,
        (p.error() ? "Tool error: " : "Tool result: ") + p.name(),
        or(p.text(), ""));
  }

  private static EventEntry exec(RecordedEvent e, SandboxExec p) {
    if (p.command() == null) {
      throw new IllegalArgumentException("no command");
    }
    String command = String.join(" ", p.command());
    Integer exit = p.exitCode();
    String termination = or(p.termination(), "EXIT");
    boolean ok = exit != null && exit == 0 && termination.equals("EXIT");
    StringBuilder status =
        new StringBuilder(exit != null ? "exit " + exit : "no exit code")
            .append(" · ")
            .append(seconds(p.durationMs()))
            .append(" · ")
            .append(termination.toLowerCase(Locale.ROOT).replace('_', ' '));
    if (p.outputTruncated()) {
      status.append(" · output truncated");
    }
    if (p.sessionRestarted()) {
      status.append(" · sandbox restarted");
    }
    if (p.detail() != null) {
      status.append('\n').append(p.detail());
    }
    String out = or(p.stdoutPreview(), "");
    String err = or(p.stderrPreview(), "");
    String excerpt = excerpt((out + (err.isEmpty() ? "" : "\n[stderr]\n" + err)).strip()).text();
    if (!excerpt.isEmpty()) {
      status.append('\n').append(excerpt);
    }
    String stdout = p.stdoutSha256();
    String stderr = p.stderrSha256();
    boolean hasOutput = stdout != null || stderr != null;
    return new EventEntry(
        e.seq(),
        e.type(),
        e.node(),
        e.timestamp(),
        Kind.EXEC,
        ok ? Verdict.PASSED : Verdict.FAILED,
        "$ " + oneLine(command, 200),
        status.toString(),
        hasOutput ? "Full output" : null,
        null,
        hasOutput ? new String[] {stdout, stderr} : null);
  }

  private static EventEntry file(RecordedEvent e, FileChange p) {
    return plain(
        e,
        Kind.FILE,
        p.deleted() ? "File deleted: " + p.path() : "File written: " + p.path(),
        p.deleted() ? "" : (p.size() == null ? 0 : p.size()) + " bytes");
  }

  private static EventEntry todo(RecordedEvent e, TodoChange p) {
    StringBuilder body = new StringBuilder(or(p.plan(), ""));
    for (TodoItem i : p.items()) {
      if (!body.isEmpty()) {
        body.append('\n');
      }
      body.append("[").append(i.status()).append("] ").append(i.text());
    }
    return entry(e, Kind.TODO, Verdict.NONE, "Plan revision " + p.revision(), body.toString());
  }

  private static EventEntry gateOpened(RecordedEvent e, GateOpened p) {
    return entry(
        e,
        Kind.GATE,
        Verdict.NONE,
        "Gate opened: " + p.kind() + " — waiting for a decision",
        p.subject() != null ? pretty(p.subject()) : "");
  }

  private static EventEntry gateDecided(RecordedEvent e, GateDecided p) {
    StringBuilder body = new StringBuilder("by ").append(or(p.decidedBy(), "?"));
    if (p.comment() != null) {
      body.append(": ").append(p.comment());
    }
    return entry(
        e,
        Kind.GATE,
        p.rejected() ? Verdict.FAILED : Verdict.PASSED,
        "Gate decided: " + p.decision() + paren(p.kind()),
        body.toString());
  }

  private static EventEntry verdict(RecordedEvent e, ValidationVerdict p) {
    return entry(
        e,
        Kind.VERDICT,
        p.passed() ? Verdict.PASSED : Verdict.FAILED,
        (p.passed() ? "Validation passed: " : "Validation failed: ") + or(p.check(), "?"),
        or(p.report(), ""));
  }

  private static EventEntry outcome(RecordedEvent e, Outcome p) {
    String status = or(p.status(), "");
    return entry(
        e,
        Kind.OUTCOME,
        status.equals("SUCCEEDED") ? Verdict.PASSED : Verdict.FAILED,
        "Outcome: " + or(p.outcome(), "?") + paren(status.toLowerCase(Locale.ROOT)),
        or(p.reason(), ""));
  }

  private static String or(String s, String otherwise) {
    return s == null ? otherwise : s;
  }

  private static String orUnknown(Integer n) {
    return n == null ? "?" : n.toString();
  }

  private static String noteText(JsonNode p) {
    if (p.has("reason") && p.size() <= 2) {
      return p.path("sandbox").asText("") + " " + p.get("reason").asText();
    }
    return pretty(p);
  }

  private static EventEntry plain(RecordedEvent e, Kind kind, String title, String body) {
    return entry(e, kind, Verdict.NONE, title, body);
  }

  /** An entry whose long body is cut to an excerpt, the whole text behind "Show all". */
  private static EventEntry entry(
      RecordedEvent e, Kind kind, Verdict verdict, String title, String body) {
    Excerpt x = excerpt(body);
    return new EventEntry(
        e.seq(),
        e.type(),
        e.node(),
        e.timestamp(),
        kind,
        verdict,
        title,
        x.text(),
        x.rest() == null ? null : "Show all",
        x.rest() == null ? null : body,
        null);
  }

  private record Excerpt(String text, String rest) {}

  private static Excerpt excerpt(String text) {
    if (text == null) {
      return new Excerpt("", null);
    }
    int cut = Math.min(text.length(), BODY_CHARS);
    int lines = 0;
    for (int i = 0; i < cut; i++) {
      if (text.charAt(i) == '\n' && ++lines == BODY_LINES) {
        cut = i;
        break;
      }
    }
    if (cut == text.length()) {
      return new Excerpt(text, null);
    }
    return new Excerpt(
        text.substring(0, cut) + "… (" + (text.length() - cut) + " more characters)", text);
  }

  private static String paren(String s) {
    return s == null || s.isEmpty() ? "" : " (" + s + ")";
  }

  private static String seconds(long millis) {
    return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  private static String oneLine(String s, int max) {
    String flat = s == null ? "" : s.replaceAll("\\s+", " ").strip();
    return flat.length() > max ? flat.substring(0, max) + "…" : flat;
  }

  private static String compact(JsonNode p) {
    return p.toString();
  }

  private static String pretty(JsonNode p) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(p);
    } catch (JsonProcessingException ex) {
      return p.toString();
    }
  }
}
