package org.benchwright.engine.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Model requests and responses as JSON, for the event log and for replay. Messages use
 * langchain4j's own message format (so thinking text and tool calls survive); the envelope is ours,
 * in snake_case.
 */
public final class ModelJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Sorted keys, no whitespace: the same request always gives the same bytes. */
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private ModelJson() {}

  /** Messages, tool specifications and the parameters set on the request. */
  public static String requestToJson(ChatRequest request) {
    ObjectNode root = JSON.createObjectNode();
    root.set("messages", messages(request));
    root.set("tool_specifications", tools(request));
    ObjectNode parameters = root.putObject("parameters");
    if (request.modelName() != null) {
      parameters.put("model_name", request.modelName());
    }
    if (request.temperature() != null) {
      parameters.put("temperature", request.temperature());
    }
    if (request.maxOutputTokens() != null) {
      parameters.put("max_output_tokens", request.maxOutputTokens());
    }
    if (request.toolChoice() != null) {
      parameters.put("tool_choice", request.toolChoice().name());
    }
    return root.toString();
  }

  public static String responseToJson(ChatResponse response) {
    ObjectNode root = JSON.createObjectNode();
    root.set("ai_message", tree(ChatMessageSerializer.messageToJson(response.aiMessage())));
    root.put("id", response.id());
    root.put("model_name", response.modelName());
    if (response.finishReason() != null) {
      root.put("finish_reason", response.finishReason().name());
    }
    // Also inside ai_message's attributes; here for readers of the event that know no langchain4j.
    String refusal = Refusals.of(response);
    if (refusal != null) {
      root.put("refusal", refusal);
    }
    TokenUsage usage = response.tokenUsage();
    if (usage != null) {
      ObjectNode tokens = root.putObject("token_usage");
      tokens.put("input_tokens", usage.inputTokenCount());
      tokens.put("output_tokens", usage.outputTokenCount());
      tokens.put("total_tokens", usage.totalTokenCount());
    }
    return root.toString();
  }

  /**
   * @throws IllegalArgumentException when the JSON is not a response written by {@link
   *     #responseToJson}
   */
  public static ChatResponse responseFromJson(String json) {
    JsonNode root = tree(json);
    if (!root.path("ai_message").isObject()) {
      throw new IllegalArgumentException("not a recorded model response: it has no ai_message");
    }
    AiMessage message = aiMessage(root.get("ai_message"));
    if (root.hasNonNull("refusal") && !message.attributes().containsKey(Refusals.ATTRIBUTE)) {
      Map<String, Object> attributes = new HashMap<>(message.attributes());
      attributes.put(Refusals.ATTRIBUTE, root.get("refusal").asText());
      message = message.toBuilder().attributes(attributes).build();
    }
    ChatResponse.Builder response =
        ChatResponse.builder()
            .aiMessage(message)
            .id(text(root, "id"))
            .modelName(text(root, "model_name"));
    if (root.hasNonNull("finish_reason")) {
      response.finishReason(FinishReason.valueOf(root.get("finish_reason").asText()));
    }
    JsonNode tokens = root.path("token_usage");
    if (tokens.isObject()) {
      response.tokenUsage(
          new TokenUsage(
              integer(tokens, "input_tokens"),
              integer(tokens, "output_tokens"),
              integer(tokens, "total_tokens")));
    }
    return response.build();
  }

  /**
   * SHA-256 (hex) over the messages and tool specifications in canonical JSON. Parameters are left
   * out: a replay with another temperature or model name still matches its recording.
   */
  public static String fingerprint(ChatRequest request) {
    ObjectNode identity = JSON.createObjectNode();
    identity.set("messages", messages(request));
    identity.set("tool_specifications", tools(request));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical(identity).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Each message of a request in canonical JSON, to find where two requests part. */
  static List<String> canonicalMessages(ChatRequest request) {
    return canonicalEach(messages(request));
  }

  /** Each message of a request written by {@link #requestToJson} in canonical JSON. */
  static List<String> canonicalMessages(String requestJson) {
    return canonicalEach(tree(requestJson).path("messages"));
  }

  static String canonicalTools(ChatRequest request) {
    return canonical(tools(request));
  }

  static String canonicalTools(String requestJson) {
    return canonical(tree(requestJson).path("tool_specifications"));
  }

  private static List<String> canonicalEach(JsonNode array) {
    List<String> each = new ArrayList<>();
    array.forEach(node -> each.add(canonical(node)));
    return each;
  }

  private static ArrayNode messages(ChatRequest request) {
    return (ArrayNode) tree(ChatMessageSerializer.messagesToJson(request.messages()));
  }

  private static ArrayNode tools(ChatRequest request) {
    ArrayNode tools = JSON.createArrayNode();
    List<ToolSpecification> specifications = request.toolSpecifications();
    if (specifications != null) {
      specifications.forEach(spec -> tools.add(tree(spec.toJson())));
    }
    return tools;
  }

  private static String canonical(JsonNode node) {
    try {
      return CANONICAL.writeValueAsString(JSON.treeToValue(node, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static AiMessage aiMessage(JsonNode node) {
    ChatMessage message;
    try {
      message = ChatMessageDeserializer.messageFromJson(node.toString());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "not a recorded model response: its ai_message cannot be read (" + e.getMessage() + ")",
          e);
    }
    if (!(message instanceof AiMessage aiMessage)) {
      throw new IllegalArgumentException(
          "not a recorded model response: its ai_message is a " + message.type() + " message");
    }
    return aiMessage;
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  private static Integer integer(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asInt() : null;
  }
}
