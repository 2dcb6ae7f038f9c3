package org.benchwright.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.model.anthropic.AnthropicChatResponseMetadata;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Refusals as answers. Each provider says "no" its own way, and langchain4j passes each on
 * differently:
 *
 * <ul>
 *   <li>OpenAI (and compatible servers): {@code "content": null, "refusal": "..."} makes the client
 *       throw {@link ContentFilteredException} with the refusal as its message, dropping the rest
 *       of the reply; {@code finish_reason: "content_filter"} comes back as {@link
 *       FinishReason#CONTENT_FILTER}.
 *   <li>Anthropic: {@code stop_reason: "refusal"} comes back as {@link FinishReason#OTHER}; only
 *       the raw body tells it from other stop reasons.
 *   <li>Gemini: {@code finishReason: SAFETY} (and the other block reasons) comes back as {@link
 *       FinishReason#CONTENT_FILTER}; a blocked prompt ({@code promptFeedback.blockReason}, no
 *       candidates) is caught by {@link GeminiPromptBlocks}.
 * </ul>
 *
 * The refusal text travels as an attribute of the {@link AiMessage}, so the recorded response (and
 * with it a replay) keeps it without a change to the recording format. A refusal without text gets
 * the refusal as its text.
 */
final class Refusals {

  /** The attribute of the answer's {@link AiMessage} that holds the refusal text. */
  static final String ATTRIBUTE = "refusal";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Refusals() {}

  /** The refusal text of an answer, or null when it is not a refusal. */
  static String of(ChatResponse response) {
    AiMessage message = response.aiMessage();
    if (message == null) {
      return null;
    }
    Object text = message.attributes().get(ATTRIBUTE);
    return text == null ? null : text.toString();
  }

  static Finish finish(ChatResponse response) {
    FinishReason reason = response.finishReason();
    if (of(response) != null) {
      return reason == FinishReason.CONTENT_FILTER ? Finish.CONTENT_FILTER : Finish.REFUSAL;
    }
    if (reason == null) {
      // Scripted turns and recordings from before finish reasons were kept.
      return response.aiMessage() != null && response.aiMessage().hasToolExecutionRequests()
          ? Finish.TOOL_CALLS
          : Finish.STOP;
    }
    return switch (reason) {
      case STOP -> Finish.STOP;
      case LENGTH -> Finish.LENGTH;
      case TOOL_EXECUTION -> Finish.TOOL_CALLS;
      case CONTENT_FILTER -> Finish.CONTENT_FILTER;
      case OTHER -> Finish.OTHER;
    };
  }

  /**
   * Marks an answer that is a refusal or a blocked reply with its refusal text, so that callers
   * need not know each provider's way; other answers come back as they are.
   */
  static ChatResponse mark(ChatResponse response, String providerName) {
    if (response.aiMessage() == null || of(response) != null) {
      return response;
    }
    if (response.finishReason() == FinishReason.CONTENT_FILTER) {
      return withRefusal(
          response, providerName + partial(response.aiMessage()) + " with its safety filter.");
    }
    if (response.finishReason() == FinishReason.OTHER
        && "refusal".equals(anthropicStopReason(response))) {
      String said = response.aiMessage().text();
      return withRefusal(
          response,
          said == null || said.isBlank()
              ? providerName + " declined to answer (stop reason: refusal)."
              : said.strip());
    }
    return response;
  }

  /**
   * The answer a refusal the client threw stands for (OpenAI's refusal, Gemini's blocked prompt):
   * only the text survived, so the answer has no usage, id or model name.
   */
  static Optional<ChatResponse> fromException(RuntimeException thrown) {
    // The client may have wrapped it on the way out.
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ContentFilteredException e && e.getMessage() != null) {
        return Optional.of(refusal(e.getMessage(), FinishReason.STOP));
      }
      if (t instanceof GeminiPromptBlocks.Blocked blocked) {
        return Optional.of(refusal(blocked.getMessage(), FinishReason.CONTENT_FILTER));
      }
    }
    return Optional.empty();
  }

  private static ChatResponse refusal(String text, FinishReason reason) {
    AiMessage message = AiMessage.builder().text(text).attributes(Map.of(ATTRIBUTE, text)).build();
    return ChatResponse.builder().aiMessage(message).finishReason(reason).build();
  }

  private static ChatResponse withRefusal(ChatResponse response, String refusal) {
    AiMessage message = response.aiMessage();
    Map<String, Object> attributes = new HashMap<>(message.attributes());
    attributes.put(ATTRIBUTE, refusal);
    AiMessage.Builder marked = message.toBuilder().attributes(attributes);
    if ((message.text() == null || message.text().isBlank())
        && !message.hasToolExecutionRequests()) {
      // Providers reject an assistant turn with neither text nor tool calls when the conversation
      // is sent back, as it is when the workflow answers the refusal.
      marked.text(refusal);
    }
    return response.toBuilder().aiMessage(marked.build()).build();
  }

  private static String partial(AiMessage message) {
    return message.text() == null || message.text().isBlank()
        ? " blocked the reply"
        : " cut the reply short (the part before is its text)";
  }

  private static String anthropicStopReason(ChatResponse response) {
    if (!(response.metadata() instanceof AnthropicChatResponseMetadata anthropic)
        || anthropic.rawHttpResponse() == null) {
      return null;
    }
    try {
      JsonNode body = JSON.readTree(anthropic.rawHttpResponse().body());
      return body.path("stop_reason").asText(null);
    } catch (java.io.IOException | RuntimeException unreadable) {
      return null;
    }
  }
}
