package org.benchwright.engine.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Which model a run talks to and how. It is the run's "model config snapshot": it holds no key, so
 * it can be stored in the project file and exported as it is.
 *
 * @param provider {@code openai}, {@code anthropic}, {@code gemini}, {@code ollama}, {@code
 *     openai-compatible}, {@code scripted} or {@code replay}
 * @param model the provider's model name, e.g. {@code gpt-4o}
 * @param baseUrl the provider's endpoint; null for the provider's default (required for {@code
 *     openai-compatible})
 * @param temperature null for the provider's default
 * @param maxOutputTokens null for the provider's default
 * @param timeout for one attempt (connect and answer); null means 120 s
 * @param maxRetries further attempts after a retriable failure (rate limit, server error, timeout,
 *     network)
 */
public record ModelConfig(
    String provider,
    String model,
    String baseUrl,
    Double temperature,
    Integer maxOutputTokens,
    Duration timeout,
    int maxRetries) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
  public static final int DEFAULT_MAX_RETRIES = 3;

  private static final ObjectMapper JSON = new ObjectMapper();

  public ModelConfig {
    if (provider == null || provider.isBlank()) {
      throw new IllegalArgumentException("a model config needs a provider");
    }
    if (model == null) {
      throw new IllegalArgumentException("a model config needs a model name");
    }
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the model timeout must be positive, not " + timeout);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be 0 or more, not " + maxRetries);
    }
  }

  public static ModelConfig of(String provider, String model) {
    return new ModelConfig(provider, model, null, null, null, DEFAULT_TIMEOUT, DEFAULT_MAX_RETRIES);
  }

  /** The same model reached at another address (an OpenAI-compatible server, a local Ollama). */
  public ModelConfig withBaseUrl(String url) {
    return new ModelConfig(provider, model, url, temperature, maxOutputTokens, timeout, maxRetries);
  }

  /** The snapshot as JSON: snake_case fields, the timeout as an ISO-8601 duration, no nulls. */
  public String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("provider", provider);
    node.put("model", model);
    if (baseUrl != null) {
      node.put("base_url", baseUrl);
    }
    if (temperature != null) {
      node.put("temperature", temperature);
    }
    if (maxOutputTokens != null) {
      node.put("max_output_tokens", maxOutputTokens);
    }
    node.put("timeout", timeout.toString());
    node.put("max_retries", maxRetries);
    return node.toString();
  }

  /**
   * Reads a snapshot written by {@link #toJson()}. Missing optional fields take their defaults;
   * unknown fields (from a newer Benchwright) are ignored.
   *
   * @throws ModelException of kind CONFIGURATION when the JSON is not a model config
   */
  public static ModelConfig fromJson(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("expected a JSON object");
      }
      return new ModelConfig(
          text(node, "provider"),
          text(node, "model"),
          text(node, "base_url"),
          node.hasNonNull("temperature") ? node.get("temperature").asDouble() : null,
          node.hasNonNull("max_output_tokens") ? node.get("max_output_tokens").asInt() : null,
          node.hasNonNull("timeout") ? Duration.parse(node.get("timeout").asText()) : null,
          node.hasNonNull("max_retries") ? node.get("max_retries").asInt() : DEFAULT_MAX_RETRIES);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String problem =
          e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
      throw new ModelException(
          ModelException.Kind.CONFIGURATION,
          "The model configuration is not valid (" + problem + "). Check the run's model settings.",
          e);
    } catch (DateTimeParseException e) {
      throw new ModelException(
          ModelException.Kind.CONFIGURATION,
          "The model timeout '" + e.getParsedString() + "' is not an ISO-8601 duration like PT2M.",
          e);
    }
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }
}
