package org.benchwright.engine.model;

import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;

/**
 * One answered model call, with what the run records about it.
 *
 * @param response the provider's answer: text, tool execution requests, usage, finish reason
 * @param latencyMillis wall time of the whole call as the caller saw it, retries and waits included
 * @param attempts how many times the model was called (1 without retries)
 * @param retries why each failed attempt failed, in order, e.g. {@code "attempt 1: rate limited
 *     (HTTP 429)"}
 * @param inputTokens as reported by the provider; 0 when it reported none
 * @param outputTokens as reported by the provider (reasoning tokens included); 0 when none
 * @param costUsd from the price table; 0 for a model it does not know
 * @param reasoning the model's thinking text when the provider returns it, else null
 * @param refusal what the model (or the provider's safety filter) said when it declined the
 *     request, else null. A refusal is an answer, not a failure: the caller decides what to do
 * @param finishReason why the model stopped; {@link Finish#REFUSAL} or {@link
 *     Finish#CONTENT_FILTER} exactly when {@code refusal} is set
 */
public record ModelCall(
    ChatResponse response,
    long latencyMillis,
    int attempts,
    List<String> retries,
    long inputTokens,
    long outputTokens,
    double costUsd,
    String reasoning,
    String refusal,
    Finish finishReason) {

  public ModelCall {
    retries = List.copyOf(retries);
  }

  /**
   * The refusal text of a response, e.g. one read back with {@link ModelJson#responseFromJson}, or
   * null.
   */
  public static String refusalOf(ChatResponse response) {
    return Refusals.of(response);
  }

  /** Why the model stopped, for a response read back with {@link ModelJson#responseFromJson}. */
  public static Finish finishOf(ChatResponse response) {
    return Refusals.finish(response);
  }

  public boolean refused() {
    return refusal != null;
  }
}
