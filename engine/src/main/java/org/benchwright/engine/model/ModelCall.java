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
 */
public record ModelCall(
    ChatResponse response,
    long latencyMillis,
    int attempts,
    List<String> retries,
    long inputTokens,
    long outputTokens,
    double costUsd,
    String reasoning) {

  public ModelCall {
    retries = List.copyOf(retries);
  }
}
