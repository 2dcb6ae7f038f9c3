package org.benchwright.engine.skills;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventPayload.ToolCall;
import org.benchwright.engine.project.EventPayload.ToolResult;
import org.benchwright.engine.project.EventPayload.ValidationVerdict;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.ProjectException;
import org.benchwright.engine.project.RecordedEvent;

/**
 * What counts as "the same kind of failure" in a run's log, so the engine can tell when a run
 * learned something worth a skill. A kind is a short, stable signature:
 *
 * <ul>
 *   <li>{@code validate_mjcf: intersection} - MuJoCo's verdict code from validate_mjcf
 *       (schema_error, compile_error, intersection, unstable, ...), whatever the scene;
 *   <li>{@code check benchmark-acceptance: failed} - a check between nodes that did not pass;
 *   <li>{@code command python3: exit 1} - a sandbox command by its program and exit code (or its
 *       termination: timeout, killed);
 *   <li>{@code tool update_todo: argument '#' must be a string.} - a tool call the engine refused,
 *       by its message's first sentence with quoted text and numbers blanked out.
 * </ul>
 */
public final class FailureKinds {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DETAIL_CHARS = 400;

  /** One failure: its kind, where it happened and an excerpt of what was reported. */
  public record Failure(String kind, long seq, String node, String detail) {}

  /**
   * A kind that happened often enough: its failures in order, and the tool calls that followed the
   * last of them (how the run got past it).
   */
  public record Lesson(String kind, List<Failure> failures, List<String> fixedBy) {}

  private FailureKinds() {}

  /** The failures recorded in a run's events, in order. */
  public static List<Failure> in(List<RecordedEvent> events) {
    Map<String, ToolCall> calls = new HashMap<>();
    List<Failure> out = new ArrayList<>();
    for (RecordedEvent e : events) {
      switch (readable(e, READ)) {
        case ToolCall c -> calls.put(String.valueOf(c.id()), c);
        case ValidationVerdict v when !v.passed() ->
            out.add(
                new Failure(
                    "check " + text(v.check()) + ": failed",
                    e.seq(),
                    e.node(),
                    excerpt(text(v.report()))));
        case ToolResult r ->
            kindOfResult(r, calls.get(String.valueOf(r.id())))
                .ifPresent(
                    k -> out.add(new Failure(k, e.seq(), e.node(), excerpt(text(r.text())))));
        case null, default -> {}
      }
    }
    return out;
  }

  /**
   * The most frequent kind of failure if it happened at least {@code threshold} times, with what
   * the run did after its last occurrence. Ties go to the kind seen first.
   */
  public static Optional<Lesson> lesson(List<RecordedEvent> events, int threshold) {
    if (threshold <= 0) {
      return Optional.empty();
    }
    Map<String, List<Failure>> byKind = new LinkedHashMap<>();
    for (Failure f : in(events)) {
      byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(f);
    }
    return byKind.entrySet().stream()
        .filter(en -> en.getValue().size() >= threshold)
        .reduce((a, b) -> b.getValue().size() > a.getValue().size() ? b : a)
        .map(en -> new Lesson(en.getKey(), en.getValue(), after(events, en.getValue())));
  }

  private static List<String> after(List<RecordedEvent> events, List<Failure> failures) {
    long last = failures.getLast().seq();
    List<String> out = new ArrayList<>();
    for (RecordedEvent e : events) {
      if (e.seq() > last
          && readable(e, Set.of(EventType.TOOL_CALL)) instanceof ToolCall c
          && out.size() < 12) {
        String args = text(c.arguments());
        out.add(
            e.node()
                + ": "
                + c.name()
                + " "
                + (args.length() > 300 ? args.substring(0, 300) + " [...]" : args));
      }
    }
    return out;
  }

  private static Optional<String> kindOfResult(ToolResult result, ToolCall call) {
    String tool = result.name();
    String text = text(result.text());
    if (result.error()) {
      return Optional.of("tool " + tool + ": " + signature(text));
    }
    if (tool.equals("validate_mjcf") && text.startsWith("verdict: ")) {
      String verdict = text.substring(9, Math.max(9, text.indexOf('\n'))).strip();
      return verdict.equals("ok") ? Optional.empty() : Optional.of("validate_mjcf: " + verdict);
    }
    if (tool.equals("run_command") && text.startsWith("exit code: ")) {
      String status = text.substring(11, Math.max(11, text.indexOf('\n'))).strip();
      if (status.startsWith("0 ")) {
        return Optional.empty();
      }
      String program = "?";
      if (call != null) {
        JsonNode args = parse(text(call.arguments()));
        if (args != null) {
          String[] tokens = args.path("command").asText().strip().split("\\s+");
          program = tokens.length == 0 || tokens[0].isEmpty() ? "?" : tokens[0];
        }
      }
      String code = status.split(" ")[0];
      String how = status.replaceAll(".*\\((\\w+)\\).*", "$1");
      return Optional.of(
          "command " + program + ": " + (code.equals("none") ? how : "exit " + code));
    }
    return Optional.empty();
  }

  /** The first sentence with quoted parts and numbers blanked, so similar errors meet. */
  static String signature(String message) {
    String first = message.strip().split("(?<=[.!?])\\s|\\n", 2)[0];
    String s =
        first
            .replaceAll("'[^']*'", "'#'")
            .replaceAll("\"[^\"]*\"", "\"#\"")
            .replaceAll("\\d+(\\.\\d+)?", "#")
            .toLowerCase(Locale.ROOT);
    return s.length() > 120 ? s.substring(0, 120) : s;
  }

  private static String excerpt(String text) {
    return text.length() > DETAIL_CHARS ? text.substring(0, DETAIL_CHARS) + " [...]" : text;
  }

  private static final Set<EventType> READ =
      Set.of(EventType.TOOL_CALL, EventType.TOOL_RESULT, EventType.VALIDATION_VERDICT);

  /** The payload of an event of one of those types; null for others and for damaged ones. */
  private static EventPayload readable(RecordedEvent e, Set<EventType> types) {
    if (!types.contains(e.type())) {
      return null;
    }
    try {
      return e.payload();
    } catch (ProjectException.UnreadableEvent damaged) {
      // A damaged event says nothing about failures; the rest of the run still does.
      return null;
    }
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
