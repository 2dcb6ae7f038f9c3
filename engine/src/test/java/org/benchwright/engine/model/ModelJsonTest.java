package org.benchwright.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelJsonTest {

  static final ToolExecutionRequest WRITE =
      ToolExecutionRequest.builder()
          .id("call_1")
          .name("write_file")
          .arguments("{\"path\":\"a.py\"}")
          .build();

  static ChatRequest conversation(String lastUserText) {
    return ChatRequest.builder()
        .messages(
            SystemMessage.from("You write Python."),
            UserMessage.from("Write a.py"),
            AiMessage.from(WRITE),
            ToolExecutionResultMessage.from(WRITE, "written"),
            UserMessage.from(lastUserText))
        .toolSpecifications(
            ToolSpecification.builder()
                .name("write_file")
                .parameters(
                    JsonObjectSchema.builder().addStringProperty("path").required("path").build())
                .build())
        .build();
  }

  @Test
  void responseWithToolCallsUsageAndThinkingSurvivesARoundTrip() {
    ChatResponse response =
        ChatResponse.builder()
            .aiMessage(
                AiMessage.builder()
                    .text("Writing it.")
                    .thinking("The user wants a file.")
                    .toolExecutionRequests(List.of(WRITE))
                    .build())
            .id("chatcmpl-1")
            .modelName("gpt-4o-2024-08-06")
            .tokenUsage(new TokenUsage(120, 30, 150))
            .finishReason(FinishReason.TOOL_EXECUTION)
            .build();

    ChatResponse again = ModelJson.responseFromJson(ModelJson.responseToJson(response));

    assertThat(again.aiMessage()).isEqualTo(response.aiMessage());
    assertThat(again.aiMessage().thinking()).isEqualTo("The user wants a file.");
    assertThat(again.tokenUsage()).isEqualTo(response.tokenUsage());
    assertThat(again.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    assertThat(again.id()).isEqualTo("chatcmpl-1");
    assertThat(again.modelName()).isEqualTo("gpt-4o-2024-08-06");
  }

  @Test
  void requestJsonHoldsMessagesToolsAndParameters() {
    ChatRequest request = conversation("Now run it").toBuilder().temperature(0.3).build();

    String json = ModelJson.requestToJson(request);

    assertThat(json)
        .contains("\"messages\":[", "\"tool_specifications\":[", "\"temperature\":0.3")
        .contains("write_file", "Now run it");
    assertThat(ModelJson.canonicalMessages(json)).isEqualTo(ModelJson.canonicalMessages(request));
  }

  @Test
  void fingerprintDependsOnMessagesAndToolsOnly() {
    String fingerprint = ModelJson.fingerprint(conversation("Now run it"));

    assertThat(fingerprint)
        .hasSize(64)
        .isEqualTo(ModelJson.fingerprint(conversation("Now run it")));
    assertThat(
            ModelJson.fingerprint(conversation("Now run it").toBuilder().temperature(1.0).build()))
        .isEqualTo(fingerprint);
    assertThat(ModelJson.fingerprint(conversation("Now test it"))).isNotEqualTo(fingerprint);
    assertThat(
            ModelJson.fingerprint(
                ChatRequest.builder().messages(conversation("Now run it").messages()).build()))
        .isNotEqualTo(fingerprint);
  }

  @Test
  void somethingElseIsNotAResponse() {
    assertThatThrownBy(() -> ModelJson.responseFromJson("{\"text\": \"hi\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no ai_message");
  }

  @Test
  void aRefusalAndItsFinishReasonSurviveTheRecording() throws Exception {
    ChatResponse refused =
        Refusals.mark(
            ChatResponse.builder()
                .aiMessage(AiMessage.from("I can't help with that."))
                .finishReason(FinishReason.CONTENT_FILTER)
                .tokenUsage(new TokenUsage(20, 5, 25))
                .build(),
            "Gemini");

    String json = ModelJson.responseToJson(refused);
    ChatResponse back = ModelJson.responseFromJson(json);

    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("refusal"))
        .hasToString(
            "\"Gemini cut the reply short (the part before is its text) with its safety filter.\"");
    assertThat(ModelCall.refusalOf(back)).isEqualTo(ModelCall.refusalOf(refused));
    assertThat(ModelCall.finishOf(back)).isEqualTo(Finish.CONTENT_FILTER);
    assertThat(back.aiMessage().text()).isEqualTo("I can't help with that.");
  }

  @Test
  void aResponseRecordedBeforeRefusalsWereKeptReadsAsAnOrdinaryAnswer() {
    String old =
        "{\"ai_message\":{\"text\":\"done\",\"toolExecutionRequests\":[],\"type\":\"AI\"},"
            + "\"id\":\"chatcmpl-1\",\"model_name\":\"gpt-4o\",\"finish_reason\":\"LENGTH\"}";

    ChatResponse back = ModelJson.responseFromJson(old);

    assertThat(ModelCall.refusalOf(back)).isNull();
    assertThat(ModelCall.finishOf(back)).isEqualTo(Finish.LENGTH);
    assertThat(back.aiMessage().text()).isEqualTo("done");
  }

  @Test
  void aRefusalNamedOnlyInTheEnvelopeIsStillARefusal() {
    String json =
        "{\"ai_message\":{\"text\":\"no\",\"toolExecutionRequests\":[],\"type\":\"AI\"},"
            + "\"finish_reason\":\"STOP\",\"refusal\":\"no\"}";

    ChatResponse back = ModelJson.responseFromJson(json);

    assertThat(ModelCall.refusalOf(back)).isEqualTo("no");
    assertThat(ModelCall.finishOf(back)).isEqualTo(Finish.REFUSAL);
  }

  @Test
  void aResponseWithoutFinishReasonFinishesByWhatItHolds() {
    ChatResponse tools = ChatResponse.builder().aiMessage(AiMessage.from(WRITE)).build();
    ChatResponse text = ChatResponse.builder().aiMessage(AiMessage.from("hi")).build();

    assertThat(ModelCall.finishOf(tools)).isEqualTo(Finish.TOOL_CALLS);
    assertThat(ModelCall.finishOf(text)).isEqualTo(Finish.STOP);
  }
}
