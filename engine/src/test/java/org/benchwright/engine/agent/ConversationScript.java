package org.benchwright.engine.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.model.OpenAiStub;

/**
 * What the stubbed model answers, by role and by how many times it has already answered in the
 * conversation it is sent. The answer depends only on the request, so a run that is killed and
 * resumed gets the same answers, and so does a replay.
 */
public final class ConversationScript {

  private final Map<String, List<OpenAiStub.Reply>> byRole = new HashMap<>();
  // role -> (text the conversation's opening message contains -> turns), checked before byRole
  private final Map<String, Map<String, List<OpenAiStub.Reply>>> byOpening = new HashMap<>();
  private int counter;

  public ConversationScript role(String role, OpenAiStub.Reply... turns) {
    byRole.computeIfAbsent(role, r -> new ArrayList<>()).addAll(List.of(turns));
    return this;
  }

  /**
   * Turns for a role's conversations whose opening message contains {@code marker} (for example a
   * planner sent back by a critic): a node visited again starts a new conversation, and this is how
   * it answers differently the second time.
   */
  public ConversationScript whenOpening(String role, String marker, OpenAiStub.Reply... turns) {
    byOpening
        .computeIfAbsent(role, r -> new java.util.LinkedHashMap<>())
        .computeIfAbsent(marker, m -> new ArrayList<>())
        .addAll(List.of(turns));
    return this;
  }

  /** The usual planner: records a one-item plan, then submits it as planned. */
  public ConversationScript planner() {
    String todo =
        AgentHarness.args(
            "plan", "Make a ramp.", "items", List.of(Map.of("text", "ramp", "status", "todo")));
    return role(
        "planner",
        call("update_todo", todo),
        call("submit", AgentHarness.args("outcome", "planned", "summary", "a ramp")));
  }

  /** A tool call with a fresh id. */
  public OpenAiStub.Reply call(String tool, String argumentsJson) {
    return OpenAiStub.reply().toolCall("call_" + (++counter), tool, argumentsJson).usage(120, 40);
  }

  public OpenAiStub.Reply answer(OpenAiStub.Received request) {
    JsonNode messages = request.json().get("messages");
    String system = messages.get(0).path("content").asText();
    String role = system.replaceFirst("(?s)^You are the (\\w+).*", "$1");
    int answered = 0;
    for (JsonNode m : messages) {
      if (m.path("role").asText().equals("assistant")) {
        answered++;
      }
    }
    String opening = messages.size() > 1 ? messages.get(1).path("content").asText() : "";
    List<OpenAiStub.Reply> turns =
        byOpening.getOrDefault(role, Map.of()).entrySet().stream()
            .filter(e -> opening.contains(e.getKey()))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(byRole.get(role));
    if (turns == null || answered >= turns.size()) {
      return OpenAiStub.reply()
          .text("I have nothing more to say (" + role + " turn " + answered + ").");
    }
    return turns.get(answered);
  }
}
