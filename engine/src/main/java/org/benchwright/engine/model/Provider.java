package org.benchwright.engine.model;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The built-in providers: where their key comes from, how to name them to the user, and how to
 * build their langchain4j model. Every model is built with retries off (the gateway retries, so
 * that it can record each attempt) and request logging off (requests carry the key).
 */
enum Provider {
  OPENAI("openai", "OpenAI", List.of("OPENAI_API_KEY"), true),
  ANTHROPIC("anthropic", "Anthropic", List.of("ANTHROPIC_API_KEY"), true),
  GEMINI("gemini", "Gemini", List.of("GEMINI_API_KEY", "GOOGLE_API_KEY"), true),
  OLLAMA("ollama", "Ollama", List.of(), false),
  OPENAI_COMPATIBLE(
      "openai-compatible",
      "The OpenAI-compatible server",
      List.of("OPENAI_COMPATIBLE_API_KEY"),
      false);

  static final String OLLAMA_DEFAULT_URL = "http://localhost:11434";

  /**
   * langchain4j's Anthropic default is 1024, too few for an agent that writes whole files; the
   * Messages API requires some value.
   */
  static final int ANTHROPIC_DEFAULT_MAX_TOKENS = 8192;

  private final String id;
  private final String displayName;
  private final List<String> keyVariables;
  private final boolean keyRequired;

  Provider(String id, String displayName, List<String> keyVariables, boolean keyRequired) {
    this.id = id;
    this.displayName = displayName;
    this.keyVariables = keyVariables;
    this.keyRequired = keyRequired;
  }

  static Optional<Provider> byId(String id) {
    return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
  }

  /** The key's name in the user's key file, e.g. {@code openai=...}. */
  String id() {
    return id;
  }

  /** Environment variables holding the key, first one wins. */
  List<String> keyVariables() {
    return keyVariables;
  }

  boolean keyRequired() {
    return keyRequired;
  }

  boolean usesKey() {
    return !keyVariables.isEmpty();
  }

  /**
   * How to name the provider in a message, e.g. "OpenAI" or "The OpenAI-compatible server at …".
   */
  String displayName(ModelConfig config) {
    return this == OPENAI_COMPATIBLE && config.baseUrl() != null
        ? displayName + " at " + config.baseUrl()
        : displayName;
  }

  ChatModel build(ModelConfig config, String key) {
    return switch (this) {
      case OPENAI, OPENAI_COMPATIBLE ->
          OpenAiChatModel.builder()
              .baseUrl(config.baseUrl())
              .apiKey(key)
              .modelName(config.model())
              .temperature(config.temperature())
              .maxTokens(config.maxOutputTokens())
              .timeout(config.timeout())
              .maxRetries(0)
              .logRequests(false)
              .logResponses(false)
              // DeepSeek, vLLM, LM Studio and others send the reasoning as reasoning_content.
              .returnThinking(true)
              .build();
      case ANTHROPIC ->
          AnthropicChatModel.builder()
              .baseUrl(config.baseUrl())
              .apiKey(key)
              .modelName(config.model())
              .temperature(config.temperature())
              .maxTokens(
                  config.maxOutputTokens() != null
                      ? config.maxOutputTokens()
                      : ANTHROPIC_DEFAULT_MAX_TOKENS)
              .timeout(config.timeout())
              .maxRetries(0)
              .logRequests(false)
              .logResponses(false)
              .returnThinking(true)
              .build();
      case GEMINI ->
          GoogleAiGeminiChatModel.builder()
              .baseUrl(config.baseUrl())
              .apiKey(key)
              .modelName(config.model())
              .temperature(config.temperature())
              .maxOutputTokens(config.maxOutputTokens())
              .timeout(config.timeout())
              .maxRetries(0)
              .logRequests(false)
              .logResponses(false)
              .returnThinking(true)
              .httpClientBuilder(new GeminiPromptBlocks())
              .build();
      case OLLAMA ->
          OllamaChatModel.builder()
              .baseUrl(config.baseUrl() != null ? config.baseUrl() : OLLAMA_DEFAULT_URL)
              .modelName(config.model())
              .temperature(config.temperature())
              .numPredict(config.maxOutputTokens())
              .timeout(config.timeout())
              .maxRetries(0)
              .logRequests(false)
              .logResponses(false)
              .returnThinking(true)
              .build();
    };
  }
}
