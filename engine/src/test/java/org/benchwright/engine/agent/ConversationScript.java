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
final class ConversationScript {

  private final Map<String, List<OpenAiStub.Reply>> byRole = new HashMap<>();
  private int counter;

  ConversationScript role(String role, OpenAiStub.Reply... turns) {
    byRole.computeIfAbsent(role, r -> new ArrayList<>()).addAll(List.of(turns));
    return this;
  }

  /** The usual planner: records a one-item plan, then submits it as planned. */
  ConversationScript planner() {
    String todo =
        AgentHarness.args(
            "plan", "Make a ramp.", "items", List.of(Map.of("text", "ramp", "status", "todo")));
    return role(
        "planner",
        call("update_todo", todo),
        call("submit", AgentHarness.args("outcome", "planned", "summary", "a ramp")));
  }

  /** A tool call with a fresh id. */
  OpenAiStub.Reply call(String tool, String argumentsJson) {
    return OpenAiStub.reply().toolCall("call_" + (++counter), tool, argumentsJson).usage(120, 40);
  }

  OpenAiStub.Reply answer(OpenAiStub.Received request) {
    JsonNode messages = request.json().get("messages");
    String system = messages.get(0).path("content").asText();
    String role = system.replaceFirst("(?s)^You are the (\\w+).*", "$1");
    int answered = 0;
    for (JsonNode m : messages) {
      if (m.path("role").asText().equals("assistant")) {
        answered++;
      }
    }
    List<OpenAiStub.Reply> turns = byRole.get(role);
    if (turns == null || answered >= turns.size()) {
      return OpenAiStub.reply()
          .text("I have nothing more to say (" + role + " turn " + answered + ").");
    }
    return turns.get(answered);
  }
}
