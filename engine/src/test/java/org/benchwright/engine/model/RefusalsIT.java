package org.benchwright.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Refusals through each real langchain4j provider, against a loopback stub serving the provider's
 * own reply shape: they come back as answers with their text and finish reason, not as failures.
 */
class RefusalsIT {

  private static final String SORRY = "I'm sorry, but I can't assist with that request.";

  private final ModelGateway gateway =
      new ModelGateway(
          ApiKeys.of(
              Map.of(
                  "OPENAI_API_KEY", "sk-test",
                  "ANTHROPIC_API_KEY", "sk-ant-test",
                  "GEMINI_API_KEY", "gm-test"),
              null),
          PriceTable.defaults(),
          new Backoff(Duration.ofMillis(10), Duration.ofMillis(40)));

  @Test
  void openAiCompatibleRefusalIsAnAnswerWithItsText() {
    try (OpenAiStub stub = OpenAiStub.start()) {
      stub.enqueueJson(
          """
          {"id": "chatcmpl-1", "object": "chat.completion", "created": 1700000000,
           "model": "gpt-4o-2024-08-06",
           "choices": [{"index": 0,
             "message": {"role": "assistant", "content": null, "refusal": "%s"},
             "logprobs": null, "finish_reason": "stop"}],
           "usage": {"prompt_tokens": 20, "completion_tokens": 11, "total_tokens": 31}}
          """
              .formatted(SORRY));
      ModelConfig config =
          new ModelConfig(
              "openai-compatible", "gpt-4o", stub.baseUrl(), null, null, Duration.ofSeconds(5), 3);

      ModelCall call = gateway.chat(config, ask());

      assertThat(call.refusal()).isEqualTo(SORRY);
      assertThat(call.finishReason()).isEqualTo(Finish.REFUSAL);
      assertThat(call.response().aiMessage().text()).isEqualTo(SORRY);
      assertThat(call.attempts()).isEqualTo(1);
      assertThat(stub.callCount()).isEqualTo(1);
    }
  }

  @Test
  void openAiContentFilterIsABlockedReply() {
    try (OpenAiStub stub = OpenAiStub.start()) {
      stub.enqueueJson(
          """
          {"id": "chatcmpl-2", "object": "chat.completion", "created": 1700000000,
           "model": "gpt-4o-2024-08-06",
           "choices": [{"index": 0, "message": {"role": "assistant", "content": null},
             "finish_reason": "content_filter"}],
           "usage": {"prompt_tokens": 20, "completion_tokens": 0, "total_tokens": 20}}
          """);
      ModelConfig config =
          new ModelConfig("openai", "gpt-4o", stub.baseUrl(), null, null, Duration.ofSeconds(5), 0);

      ModelCall call = gateway.chat(config, ask());

      assertThat(call.finishReason()).isEqualTo(Finish.CONTENT_FILTER);
      assertThat(call.refusal()).isEqualTo("OpenAI blocked the reply with its safety filter.");
      assertThat(call.inputTokens()).isEqualTo(20);
    }
  }

  @Test
  void ordinaryReplyHasNoRefusalAndStops() {
    try (OpenAiStub stub = OpenAiStub.start()) {
      stub.enqueueText("Hello.");
      ModelConfig config =
          new ModelConfig("openai", "gpt-4o", stub.baseUrl(), null, null, Duration.ofSeconds(5), 0);

      ModelCall call = gateway.chat(config, ask());

      assertThat(call.refusal()).isNull();
      assertThat(call.refused()).isFalse();
      assertThat(call.finishReason()).isEqualTo(Finish.STOP);
    }
  }

  @Test
  void anthropicStopReasonRefusalIsAnAnswerWithWhatClaudeSaid() {
    try (JsonStub stub = JsonStub.start()) {
      stub.enqueue(
          """
          {"id": "msg_01", "type": "message", "role": "assistant",
           "model": "claude-sonnet-4-5-20250929",
           "content": [{"type": "text", "text": "I can't help with that."}],
           "stop_reason": "refusal", "stop_sequence": null,
           "usage": {"input_tokens": 25, "output_tokens": 7}}
          """);

      ModelCall call = gateway.chat(anthropic(stub), ask());

      assertThat(call.refusal()).isEqualTo("I can't help with that.");
      assertThat(call.finishReason()).isEqualTo(Finish.REFUSAL);
      assertThat(call.inputTokens()).isEqualTo(25);
      assertThat(stub.paths()).containsExactly("/v1/messages");
    }
  }

  @Test
  void anthropicRefusalWithoutTextSaysSo() {
    try (JsonStub stub = JsonStub.start()) {
      stub.enqueue(
          """
          {"id": "msg_02", "type": "message", "role": "assistant",
           "model": "claude-sonnet-4-5-20250929", "content": [],
           "stop_reason": "refusal", "stop_sequence": null,
           "usage": {"input_tokens": 25, "output_tokens": 0}}
          """);

      ModelCall call = gateway.chat(anthropic(stub), ask());

      assertThat(call.refusal()).isEqualTo("Anthropic declined to answer (stop reason: refusal).");
      assertThat(call.finishReason()).isEqualTo(Finish.REFUSAL);
    }
  }

  @Test
  void anthropicMaxTokensIsLengthNotARefusal() {
    try (JsonStub stub = JsonStub.start()) {
      stub.enqueue(
          """
          {"id": "msg_03", "type": "message", "role": "assistant",
           "model": "claude-sonnet-4-5-20250929",
           "content": [{"type": "text", "text": "The first half"}],
           "stop_reason": "max_tokens", "stop_sequence": null,
           "usage": {"input_tokens": 25, "output_tokens": 8192}}
          """);

      ModelCall call = gateway.chat(anthropic(stub), ask());

      assertThat(call.refusal()).isNull();
      assertThat(call.finishReason()).isEqualTo(Finish.LENGTH);
    }
  }

  @Test
  void geminiSafetyFinishIsABlockedReply() {
    try (JsonStub stub = JsonStub.start()) {
      stub.enqueue(
          """
          {"candidates": [{"finishReason": "SAFETY", "index": 0,
             "safetyRatings": [{"category": "HARM_CATEGORY_DANGEROUS_CONTENT",
               "probability": "HIGH", "blocked": true}]}],
           "usageMetadata": {"promptTokenCount": 18, "totalTokenCount": 18},
           "modelVersion": "gemini-2.5-flash", "responseId": "r-1"}
          """);

      ModelCall call = gateway.chat(gemini(stub), ask());

      assertThat(call.finishReason()).isEqualTo(Finish.CONTENT_FILTER);
      assertThat(call.refusal()).isEqualTo("Gemini blocked the reply with its safety filter.");
      assertThat(call.inputTokens()).isEqualTo(18);
    }
  }

  @Test
  void geminiBlockedPromptIsABlockedReply() {
    try (JsonStub stub = JsonStub.start()) {
      stub.enqueue(
          """
          {"promptFeedback": {"blockReason": "SAFETY",
             "safetyRatings": [{"category": "HARM_CATEGORY_DANGEROUS_CONTENT",
               "probability": "HIGH"}]},
           "usageMetadata": {"promptTokenCount": 18, "totalTokenCount": 18},
           "modelVersion": "gemini-2.5-flash", "responseId": "r-2"}
          """);

      ModelCall call = gateway.chat(gemini(stub), ask());

      assertThat(call.finishReason()).isEqualTo(Finish.CONTENT_FILTER);
      assertThat(call.refusal()).contains("Gemini").contains("SAFETY");
    }
  }

  @Test
  void aRecordedRefusalReplaysAsARefusal() {
    try (OpenAiStub stub = OpenAiStub.start()) {
      stub.enqueueJson(
          """
          {"id": "chatcmpl-3", "object": "chat.completion", "created": 1700000000,
           "model": "gpt-4o", "choices": [{"index": 0,
             "message": {"role": "assistant", "content": null, "refusal": "%s"},
             "finish_reason": "stop"}]}
          """
              .formatted(SORRY));
      ModelConfig config =
          new ModelConfig("openai", "gpt-4o", stub.baseUrl(), null, null, Duration.ofSeconds(5), 0);
      ModelCall live = gateway.chat(config, ask());
      RecordedExchange recorded =
          new RecordedExchange(
              ModelJson.fingerprint(ask()), ModelJson.responseToJson(live.response()));
      gateway.register("replay", cfg -> new ReplayChatModel(java.util.List.of(recorded)));

      ModelCall replayed = gateway.chat(ModelConfig.of("replay", "gpt-4o"), ask());

      assertThat(replayed.refusal()).isEqualTo(SORRY);
      assertThat(replayed.finishReason()).isEqualTo(Finish.REFUSAL);
    }
  }

  private static ModelConfig anthropic(JsonStub stub) {
    return new ModelConfig(
        "anthropic",
        "claude-sonnet-4-5",
        stub.baseUrl("/v1/"),
        null,
        null,
        Duration.ofSeconds(5),
        0);
  }

  private static ModelConfig gemini(JsonStub stub) {
    return new ModelConfig(
        "gemini",
        "gemini-2.5-flash",
        stub.baseUrl("/v1beta"),
        null,
        null,
        Duration.ofSeconds(5),
        0);
  }

  private static ChatRequest ask() {
    return ChatRequest.builder().messages(UserMessage.from("Write a ramp generator.")).build();
  }
}
