package org.benchwright.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.benchwright.engine.agent.AgentHarness.args;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.EventType;
import org.benchwright.engine.project.RecordedEvent;
import org.benchwright.engine.project.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that refuses its task (OpenAI's reply shape: content null, a refusal text) is answered,
 * not failed as a bad request: the refusal is recorded as the model's response, the model is
 * reminded once, and a second refusal ends the node with outcome "refused". Runs the test fixture
 * workflow word-count, whose writer has no edge for "refused".
 */
class ModelRefusalIT {

  static final String SORRY = "I'm sorry, but I can't assist with that request.";
  static final String REFUSAL =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"stub-model\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
          + "\"refusal\":\""
          + SORRY
          + "\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":9,\"total_tokens\":21}}";

  @TempDir Path dir;

  @Test
  void aRefusalIsRecordedAsTheAnswerAndTheModelIsRemindedOnceThenGoesOn() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      h.stub
          .enqueueJson(REFUSAL)
          .enqueueToolCall("c1", "submit", args("outcome", "written", "summary", "a b c d"))
          .enqueueToolCall("c2", "submit", args("outcome", "approved", "summary", "4 words"));
      RunOutcome outcome =
          h.runtime.start("word-count", "4 words", h.model()).outcome().get(1, TimeUnit.MINUTES);

      assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
      List<RecordedEvent> events = h.events(outcome.runId());
      assertThat(events).noneMatch(e -> e.type() == EventType.ERROR);
      EventPayload.ModelResponse refused =
          events.stream()
              .filter(e -> e.type() == EventType.MODEL_RESPONSE)
              .findFirst()
              .orElseThrow()
              .payload(EventPayload.ModelResponse.class);
      assertThat(refused.refusal()).isEqualTo(SORRY);
      assertThat(refused.finishReason()).isEqualTo("REFUSAL");
      assertThat(events.stream().filter(e -> e.type() == EventType.USER_MESSAGE))
          .extracting(e -> e.payload(EventPayload.UserMessage.class).text())
          .containsOnlyOnce(WorkflowDefinition.REFUSAL_REMINDER);
      // the reminder reached the model after its refusal
      assertThat(h.stub.requests().get(1).body()).contains("legitimate engineering task");
    }
  }

  @Test
  void aModelThatKeepsRefusingEndsTheRunAsRefusedWithItsWordsAndKeepsTheRecord() throws Exception {
    try (AgentHarness h = new AgentHarness(dir)) {
      h.stub.enqueueJson(REFUSAL).enqueueJson(REFUSAL);
      RunOutcome outcome =
          h.runtime.start("word-count", "4 words", h.model()).outcome().get(1, TimeUnit.MINUTES);

      assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
      assertThat(outcome.reason()).isEqualTo("writer refused the task: " + SORRY);
      List<RecordedEvent> events = h.events(outcome.runId());
      assertThat(events.stream().filter(e -> e.type() == EventType.MODEL_RESPONSE)).hasSize(2);
      assertThat(events).noneMatch(e -> e.type() == EventType.ERROR);
      assertThat(events.getLast().payload(EventPayload.Outcome.class).outcome())
          .isEqualTo("refused");
      assertThat(h.stub.callCount()).isEqualTo(2);
    }
  }
}
