package org.benchwright.engine.model;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import java.util.List;

/**
 * One answer of a {@link ScriptedChatModel}.
 *
 * @param text the assistant's text, or null
 * @param reasoning thinking text, or null
 * @param toolCalls tool execution requests (id, name, arguments as a JSON string); may be empty
 * @param inputTokens reported usage, or null for none
 * @param outputTokens reported usage, or null for none
 */
public record ScriptedTurn(
    String text,
    String reasoning,
    List<ToolExecutionRequest> toolCalls,
    Integer inputTokens,
    Integer outputTokens) {

  public ScriptedTurn {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  public static ScriptedTurn text(String text) {
    return new ScriptedTurn(text, null, List.of(), null, null);
  }

  public static ScriptedTurn toolCall(String id, String name, String argumentsJson) {
    return new ScriptedTurn(
        null,
        null,
        List.of(ToolExecutionRequest.builder().id(id).name(name).arguments(argumentsJson).build()),
        null,
        null);
  }
}
