package org.benchwright.engine.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks exported JSONL against the rules of OpenAI's chat fine-tuning and DPO formats, line by
 * line, and reports each bad line with its number and the reason.
 */
public final class FineTuneValidator {

  /** One bad line. */
  public record Problem(long line, String reason) {
    @Override
    public String toString() {
      return "line " + line + ": " + reason;
    }
  }

  /** Lines read and the problems found. */
  public record Report(long lines, List<Problem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

  /** Validates chat fine-tuning lines ({"messages": [...], "tools": [...]}). */
  public Report validateChat(Reader in) throws IOException {
    return validate(in, false);
  }

  /** Validates DPO preference lines. */
  public Report validatePreferences(Reader in) throws IOException {
    return validate(in, true);
  }

  private Report validate(Reader in, boolean preferences) throws IOException {
    List<Problem> problems = new ArrayList<>();
    BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
    long n = 0;
    String line;
    while ((line = r.readLine()) != null) {
      n++;
      String reason = preferences ? checkPreference(line) : checkChat(line);
      if (reason != null) {
        problems.add(new Problem(n, reason));
      }
    }
    return new Report(n, problems);
  }

  /** The reason a chat line is invalid, or null. */
  public String checkChat(String line) {
    return checkObject(
        line,
        root -> {
          String problem = checkMessages(root.get("messages"), true);
          if (problem != null) {
            return problem;
          }
          return checkTools(root.get("tools"));
        });
  }

  /** The reason a preference line is invalid, or null. */
  public String checkPreference(String line) {
    return checkObject(
        line,
        root -> {
          String problem = checkMessages(root.path("input").get("messages"), false);
          if (problem != null) {
            return "input: " + problem;
          }
          for (String side : List.of("preferred_output", "non_preferred_output")) {
            JsonNode out = root.get(side);
            if (out == null || !out.isArray() || out.size() != 1) {
              return side + " must be an array of one assistant message";
            }
            JsonNode m = out.get(0);
            if (!"assistant".equals(m.path("role").asText()) || !m.path("content").isTextual()) {
              return side + " must be an assistant message with text content";
            }
          }
          return null;
        });
  }

  /**
   * Every line of either format must be one JSON object: the reason it is not, or else the reason
   * {@code check} finds in the object (null when it finds none).
   */
  private static String checkObject(String line, Function<JsonNode, String> check) {
    JsonNode root;
    try {
      root = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return "not valid JSON: " + e.getOriginalMessage();
    }
    if (root == null || !root.isObject()) {
      return "not a JSON object";
    }
    return check.apply(root);
  }

  private static String checkMessages(JsonNode messages, boolean needAssistant) {
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      return "messages must be a non-empty array";
    }
    String first = messages.get(0).path("role").asText();
    if (!first.equals("system") && !first.equals("user")) {
      return "the first message must be system or user, not '" + first + "'";
    }
    Set<String> open = new LinkedHashSet<>(); // calls waiting for their tool message
    Set<String> seen = new HashSet<>();
    boolean assistant = false;
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String where = "message " + i + ": ";
      if (!m.isObject()) {
        return where + "not an object";
      }
      String role = m.path("role").asText();
      if (!ROLES.contains(role)) {
        return where + "unknown role '" + role + "'";
      }
      if (!role.equals("tool") && !open.isEmpty()) {
        return where + "tool call(s) " + open + " have no tool message before this " + role;
      }
      JsonNode content = m.get("content");
      switch (role) {
        case "system", "user" -> {
          if (content == null || !content.isTextual()) {
            return where + role + " content must be a string";
          }
        }
        case "tool" -> {
          if (content == null || !content.isTextual()) {
            return where + "tool content must be a string";
          }
          String id = m.path("tool_call_id").asText(null);
          if (id == null || !open.remove(id)) {
            return where + "tool message answers no preceding unanswered call (" + id + ")";
          }
        }
        default -> {
          assistant = true;
          boolean hasText = content != null && content.isTextual();
          if (content != null && !content.isNull() && !content.isTextual()) {
            return where + "assistant content must be a string or null";
          }
          JsonNode calls = m.get("tool_calls");
          if (calls == null || calls.isNull()) {
            if (!hasText) {
              return where + "assistant message has neither content nor tool_calls";
            }
            continue;
          }
          if (!calls.isArray() || calls.isEmpty()) {
            return where + "tool_calls must be a non-empty array";
          }
          for (JsonNode c : calls) {
            String id = c.path("id").asText("");
            if (id.isEmpty()) {
              return where + "a tool call has no id";
            }
            if (!seen.add(id)) {
              return where + "tool call id " + id + " is used twice";
            }
            if (!"function".equals(c.path("type").asText())) {
              return where + "tool call " + id + " must have type function";
            }
            JsonNode fn = c.path("function");
            if (fn.path("name").asText("").isEmpty()) {
              return where + "tool call " + id + " has no function name";
            }
            if (!fn.path("arguments").isTextual()) {
              return where + "tool call " + id + " arguments must be a JSON string";
            }
            try {
              JSON.readTree(fn.get("arguments").asText());
            } catch (JsonProcessingException e) {
              return where + "tool call " + id + " arguments do not parse as JSON";
            }
            open.add(id);
          }
        }
      }
    }
    if (!open.isEmpty()) {
      return "tool call(s) " + open + " are never answered";
    }
    if (needAssistant && !assistant) {
      return "no assistant message";
    }
    return null;
  }

  private static String checkTools(JsonNode tools) {
    if (tools == null || tools.isNull()) {
      return null;
    }
    if (!tools.isArray()) {
      return "tools must be an array";
    }
    for (int i = 0; i < tools.size(); i++) {
      JsonNode t = tools.get(i);
      if (!"function".equals(t.path("type").asText())) {
        return "tools[" + i + "] must have type function";
      }
      JsonNode fn = t.path("function");
      if (fn.path("name").asText("").isEmpty()) {
        return "tools[" + i + "] has no function name";
      }
      if (!fn.path("parameters").isObject()) {
        return "tools[" + i + "] parameters must be an object";
      }
    }
    return null;
  }
}
