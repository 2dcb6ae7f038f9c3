package org.benchwright.desktop.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import java.util.Locale;
import org.benchwright.desktop.timeline.EventEntry.Kind;
import org.benchwright.desktop.timeline.EventEntry.Verdict;
import org.benchwright.engine.model.ModelJson;
import org.benchwright.engine.project.RecordedEvent;

/**
 * Turns recorded events into {@link EventEntry}s. Runs off the FX thread, a page at a time. A
 * payload it cannot read becomes an "unreadable event" entry: one damaged event never hides the
 * others, and nothing is written back.
 */
final class EventRenderer {

  /** Bodies longer than this show an excerpt; the rest is behind the expander. */
  static final int BODY_CHARS = 600;

  static final int BODY_LINES = 12;

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventRenderer() {}

  static EventEntry render(RecordedEvent e) {
    JsonNode p;
    try {
      p = JSON.readTree(e.payloadJson());
    } catch (JsonProcessingException | RuntimeException ex) {
      return unreadable(e, "its payload is not valid JSON");
    }
    if (p == null || !p.isObject()) {
      return unreadable(e, "its payload is not a JSON object");
    }
    try {
      return switch (e.type()) {
        case RUN_STARTED -> runStarted(e, p);
        case RUN_ENDED -> plain(e, Kind.SYSTEM, "Run ended", compact(p));
        case NODE_TRANSITION -> transition(e, p);
        case USER_MESSAGE -> message(e, p);
        case MODEL_REQUEST ->
            plain(
                e,
                Kind.MODEL_CALL,
                "Model call #" + p.path("call").asText("?"),
                p.path("messages").asInt() + " messages sent");
        case MODEL_RESPONSE -> response(e, p);
        case TOOL_CALL -> toolCall(e, p);
        case TOOL_RESULT -> toolResult(e, p);
        case SANDBOX_EXEC -> exec(e, p);
        case FILE_CHANGE -> file(e, p);
        case TODO_CHANGE -> todo(e, p);
        case GATE_OPENED -> gateOpened(e, p);
        case GATE_DECIDED -> gateDecided(e, p);
        case VALIDATION_VERDICT -> verdict(e, p);
        case METRIC -> plain(e, Kind.METRIC, "Metric", pretty(p));
        case ERROR ->
            entry(
                e,
                Kind.ERROR,
                Verdict.FAILED,
                "Error" + paren(p.path("kind").asText("")),
                p.path("message").asText(compact(p)));
        case OUTCOME -> outcome(e, p);
        case NOTE -> plain(e, Kind.NOTE, "Note", noteText(p));
      };
    } catch (RuntimeException ex) {
      return unreadable(e, "its payload does not have the fields a " + e.type() + " event has");
    }
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

  private static EventEntry runStarted(RecordedEvent e, JsonNode p) {
    JsonNode m = p.path("model");
    String model =
        m.isObject() ? m.path("provider").asText("") + "/" + m.path("model").asText("") : "";
    return plain(
        e,
        Kind.SYSTEM,
        "Run started · " + p.path("workflow").asText("?"),
        "Task: " + p.path("task").asText("") + (model.isEmpty() ? "" : "\nModel: " + model));
  }

  private static EventEntry transition(RecordedEvent e, JsonNode p) {
    String from = p.path("from").asText(null);
    String to = p.path("to").asText("?");
    String title = (from == null ? "Start → " : from + " → ") + to;
    String body = "outcome: " + p.path("outcome").asText("?");
    String system = p.path("system").asText(null);
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

  private static EventEntry message(RecordedEvent e, JsonNode p) {
    return entry(
        e,
        Kind.MESSAGE,
        Verdict.NONE,
        "Message to " + (e.node() == null ? "the run" : e.node()),
        p.get("text").asText());
  }

  private static EventEntry response(RecordedEvent e, JsonNode p) {
    StringBuilder title = new StringBuilder("Model response #").append(p.path("call").asText("?"));
    title
        .append(" · ")
        .append(p.path("input_tokens").asLong())
        .append(" in / ")
        .append(p.path("output_tokens").asLong())
        .append(" out");
    if (p.has("cost_usd")) {
      title.append(String.format(Locale.ROOT, " · $%.4f", p.path("cost_usd").asDouble()));
    }
    if (p.has("latency_ms")) {
      title.append(" · ").append(seconds(p.path("latency_ms").asLong()));
    }
    StringBuilder body = new StringBuilder();
    JsonNode response = p.get("response");
    if (response != null && !response.isNull()) {
      AiMessage ai = ModelJson.responseFromJson(response.asText()).aiMessage();
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
    String reasoning = p.path("reasoning").asText(null);
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
        Verdict.NONE,
        title.toString(),
        x.text(),
        detailLabel,
        detail,
        null);
  }

  private static EventEntry toolCall(RecordedEvent e, JsonNode p) {
    String args = p.path("arguments").asText("");
    String shown;
    try {
      JsonNode a = JSON.readTree(args);
      shown = a == null ? args : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(a);
    } catch (JsonProcessingException ex) {
      shown = args; // the model's arguments as it wrote them; the result says what was wrong
    }
    return entry(e, Kind.TOOL_CALL, Verdict.NONE, "Tool call: " + p.get("name").asText(), shown);
  }

  private static EventEntry toolResult(RecordedEvent e, JsonNode p) {
    boolean error = p.path("error").asBoolean(false);
    return entry(
        e,
        Kind.TOOL_RESULT,
        error ? Verdict.FAILED : Verdict.NONE,
        (error ? "Tool error: " : "Tool result: ") + p.get("name").asText(),
        p.path("text").asText(""));
  }

  private static EventEntry exec(RecordedEvent e, JsonNode p) {
    StringBuilder command = new StringBuilder();
    for (JsonNode part : p.get("command")) {
      if (!command.isEmpty()) {
        command.append(' ');
      }
      command.append(part.asText());
    }
    JsonNode exit = p.path("exit_code");
    String termination = p.path("termination").asText("EXIT");
    boolean ok = exit.isNumber() && exit.asInt() == 0 && termination.equals("EXIT");
    StringBuilder status =
        new StringBuilder(exit.isNumber() ? "exit " + exit.asInt() : "no exit code")
            .append(" · ")
            .append(seconds(p.path("duration_ms").asLong()))
            .append(" · ")
            .append(termination.toLowerCase(Locale.ROOT).replace('_', ' '));
    if (p.path("output_truncated").asBoolean()) {
      status.append(" · output truncated");
    }
    if (p.path("session_restarted").asBoolean()) {
      status.append(" · sandbox restarted");
    }
    if (p.hasNonNull("detail")) {
      status.append('\n').append(p.get("detail").asText());
    }
    String out = p.path("stdout_preview").asText("");
    String err = p.path("stderr_preview").asText("");
    String excerpt = excerpt((out + (err.isEmpty() ? "" : "\n[stderr]\n" + err)).strip()).text();
    if (!excerpt.isEmpty()) {
      status.append('\n').append(excerpt);
    }
    String stdout = p.path("stdout_sha256").asText(null);
    String stderr = p.path("stderr_sha256").asText(null);
    boolean hasOutput = stdout != null || stderr != null;
    return new EventEntry(
        e.seq(),
        e.type(),
        e.node(),
        e.timestamp(),
        Kind.EXEC,
        ok ? Verdict.PASSED : Verdict.FAILED,
        "$ " + oneLine(command.toString(), 200),
        status.toString(),
        hasOutput ? "Full output" : null,
        null,
        hasOutput ? new String[] {stdout, stderr} : null);
  }

  private static EventEntry file(RecordedEvent e, JsonNode p) {
    String path = p.get("path").asText();
    boolean delete = "delete".equals(p.path("op").asText());
    return plain(
        e,
        Kind.FILE,
        delete ? "File deleted: " + path : "File written: " + path,
        delete ? "" : p.path("size").asLong() + " bytes");
  }

  private static EventEntry todo(RecordedEvent e, JsonNode p) {
    StringBuilder body = new StringBuilder(p.path("plan").asText(""));
    for (JsonNode i : p.path("items")) {
      if (!body.isEmpty()) {
        body.append('\n');
      }
      body.append("[")
          .append(i.path("status").asText("?"))
          .append("] ")
          .append(i.path("text").asText(""));
    }
    return entry(
        e,
        Kind.TODO,
        Verdict.NONE,
        "Plan revision " + p.path("revision").asText("?"),
        body.toString());
  }

  private static EventEntry gateOpened(RecordedEvent e, JsonNode p) {
    return entry(
        e,
        Kind.GATE,
        Verdict.NONE,
        "Gate opened: " + p.get("kind").asText() + " — waiting for a decision",
        p.has("subject") ? pretty(p.get("subject")) : "");
  }

  private static EventEntry gateDecided(RecordedEvent e, JsonNode p) {
    String decision = p.get("decision").asText();
    StringBuilder body = new StringBuilder("by ").append(p.path("decided_by").asText("?"));
    if (p.hasNonNull("comment")) {
      body.append(": ").append(p.get("comment").asText());
    }
    return entry(
        e,
        Kind.GATE,
        decision.startsWith("reject") ? Verdict.FAILED : Verdict.PASSED,
        "Gate decided: " + decision + paren(p.path("kind").asText("")),
        body.toString());
  }

  private static EventEntry verdict(RecordedEvent e, JsonNode p) {
    boolean passed = p.get("passed").asBoolean();
    return entry(
        e,
        Kind.VERDICT,
        passed ? Verdict.PASSED : Verdict.FAILED,
        (passed ? "Validation passed: " : "Validation failed: ") + p.path("check").asText("?"),
        p.path("report").asText(""));
  }

  private static EventEntry outcome(RecordedEvent e, JsonNode p) {
    String status = p.path("status").asText("");
    return entry(
        e,
        Kind.OUTCOME,
        status.equals("SUCCEEDED") ? Verdict.PASSED : Verdict.FAILED,
        "Outcome: " + p.path("outcome").asText("?") + paren(status.toLowerCase(Locale.ROOT)),
        p.path("reason").asText(""));
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
