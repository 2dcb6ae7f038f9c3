package org.benchwright.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.benchwright.engine.model.ModelJsonTest.conversation;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import org.benchwright.engine.model.ModelException.Kind;
import org.junit.jupiter.api.Test;

class ReplayChatModelTest {

  private static RecordedExchange recorded(ChatRequest request, String answer) {
    String response =
        ModelJson.responseToJson(ChatResponse.builder().aiMessage(AiMessage.from(answer)).build());
    return new RecordedExchange(
        ModelJson.fingerprint(request), response, ModelJson.requestToJson(request));
  }

  @Test
  void answersTheRecordedResponsesInOrder() {
    ReplayChatModel replay =
        new ReplayChatModel(
            List.of(
                recorded(conversation("Run it"), "ran"),
                recorded(conversation("Test it"), "tested")));

    assertThat(replay.chat(conversation("Run it")).aiMessage().text()).isEqualTo("ran");
    assertThat(replay.chat(conversation("Test it")).aiMessage().text()).isEqualTo("tested");
  }

  @Test
  void differentRequestStopsTheReplayAndShowsTheFirstDifferingMessage() {
    ReplayChatModel replay = new ReplayChatModel(List.of(recorded(conversation("Run it"), "ran")));

    assertThatThrownBy(() -> replay.chat(conversation("Delete it")))
        .isInstanceOfSatisfying(
            ModelException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REPLAY_DIVERGED))
        .hasMessageStartingWith(
            "Replay diverged at model call 1: the request differs from the recorded one (message 5"
                + " differs: recorded …")
        .hasMessageContaining("Run it")
        .hasMessageContaining("Delete it");
  }

  @Test
  void withOnlyAFingerprintTheDivergenceIsStillDetected() {
    RecordedExchange full = recorded(conversation("Run it"), "ran");
    ReplayChatModel replay =
        new ReplayChatModel(
            List.of(new RecordedExchange(full.requestFingerprint(), full.responseJson())));

    assertThatThrownBy(() -> replay.chat(conversation("Delete it")))
        .hasMessageContaining("model call 1: the request differs")
        .hasMessageContaining("keeps only its fingerprint");
  }

  @Test
  void askingMoreThanWasRecordedDiverges() {
    ReplayChatModel replay = new ReplayChatModel(List.of(recorded(conversation("Run it"), "ran")));
    replay.chat(conversation("Run it"));

    assertThatThrownBy(() -> replay.chat(conversation("Run it")))
        .isInstanceOfSatisfying(
            ModelException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REPLAY_DIVERGED))
        .hasMessageStartingWith("Replay diverged at model call 2: the recorded run made only 1");
  }

  @Test
  void extraMessageIsReportedByCount() {
    ChatRequest shorter =
        ChatRequest.builder()
            .messages(conversation("Run it").messages().subList(0, 4))
            .toolSpecifications(conversation("Run it").toolSpecifications())
            .build();
    ReplayChatModel replay = new ReplayChatModel(List.of(recorded(shorter, "ok")));

    assertThatThrownBy(() -> replay.chat(conversation("Run it")))
        .hasMessageContaining("it has 5 messages, the recording 4");
  }
}
