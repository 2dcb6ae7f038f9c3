package org.benchwright.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.time.Duration;

/**
 * Gemini's HTTP client, watching for a blocked prompt. When Gemini blocks the prompt itself it
 * answers {@code promptFeedback.blockReason} and no candidates, which langchain4j does not read (it
 * fails on the missing candidates); this client turns such an answer into {@link Blocked} first, so
 * the gateway can give it back as a refusal.
 */
final class GeminiPromptBlocks implements HttpClientBuilder {

  /** Gemini blocked the prompt, for the reason it named (SAFETY, BLOCKLIST, OTHER, ...). */
  static final class Blocked extends RuntimeException {
    private final String reason;

    Blocked(String reason) {
      super("Gemini blocked the prompt with its safety filter (block reason: " + reason + ").");
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClientBuilder delegate = HttpClientBuilderLoader.loadHttpClientBuilder();

  @Override
  public Duration connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public HttpClientBuilder connectTimeout(Duration timeout) {
    delegate.connectTimeout(timeout);
    return this;
  }

  @Override
  public Duration readTimeout() {
    return delegate.readTimeout();
  }

  @Override
  public HttpClientBuilder readTimeout(Duration timeout) {
    delegate.readTimeout(timeout);
    return this;
  }

  @Override
  public HttpClient build() {
    HttpClient client = delegate.build();
    return new HttpClient() {
      @Override
      public SuccessfulHttpResponse execute(HttpRequest request) {
        SuccessfulHttpResponse response = client.execute(request);
        String reason = blockReason(response.body());
        if (reason != null) {
          throw new Blocked(reason);
        }
        return response;
      }

      @Override
      public void execute(
          HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        client.execute(request, parser, listener);
      }
    };
  }

  private static String blockReason(String body) {
    if (body == null || !body.contains("blockReason")) {
      return null;
    }
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode reason = root.path("promptFeedback").path("blockReason");
      boolean noCandidates = root.path("candidates").isEmpty();
      return reason.isTextual() && noCandidates ? reason.asText() : null;
    } catch (java.io.IOException notJson) {
      return null; // langchain4j reports a body it cannot read
    }
  }
}
