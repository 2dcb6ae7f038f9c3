package org.benchwright.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.model.ModelException.Kind;
import org.junit.jupiter.api.Test;

/** What the gateway decides before any HTTP: providers, keys, registered models. */
class ModelGatewayTest {

  private final ModelGateway gateway =
      new ModelGateway(ApiKeys.of(Map.of(), null), PriceTable.defaults());

  @Test
  void registeredScriptedModelAnswersAndIsPriced() {
    ScriptedChatModel script =
        ScriptedChatModel.of(List.of(new ScriptedTurn("hi", "thinking", List.of(), 1_000_000, 0)));
    gateway.register("scripted", config -> script);

    ModelCall call = gateway.chat(ModelConfig.of("scripted", "gpt-4o"), ask());

    assertThat(call.response().aiMessage().text()).isEqualTo("hi");
    assertThat(call.reasoning()).isEqualTo("thinking");
    assertThat(call.inputTokens()).isEqualTo(1_000_000);
    assertThat(call.costUsd()).isEqualTo(2.5);
  }

  @Test
  void modelExceptionsFromAModelPassThroughUnretried() {
    gateway.register("scripted", config -> ScriptedChatModel.of(List.of()));

    assertThatThrownBy(() -> gateway.chat(ModelConfig.of("scripted", "s"), ask()))
        .isInstanceOfSatisfying(
            ModelException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
              assertThat(e.attempts()).isEqualTo(1);
            })
        .hasMessageStartingWith("The script has no turn 1");
  }

  @Test
  void missingKeySaysWhereToPutOne() {
    assertThatThrownBy(() -> gateway.chat(ModelConfig.of("anthropic", "claude-sonnet-4-5"), ask()))
        .isInstanceOfSatisfying(
            ModelException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
              assertThat(e.attempts()).as("no call was made").isZero();
            })
        .hasMessageStartingWith(
            "There is no API key for Anthropic. Set ANTHROPIC_API_KEY or add it to ")
        .hasMessageEndingWith(" as anthropic=<key>.");
  }

  @Test
  void unknownProviderListsTheKnownOnes() {
    assertThatThrownBy(() -> gateway.chat(ModelConfig.of("openia", "gpt-4o"), ask()))
        .hasMessage(
            "Unknown model provider 'openia'. Use one of: openai, anthropic, gemini, ollama,"
                + " openai-compatible, scripted, replay.");
  }

  @Test
  void unregisteredReplayExplainsItself() {
    assertThatThrownBy(() -> gateway.chat(ModelConfig.of("replay", "gpt-4o"), ask()))
        .hasMessageStartingWith("The replay provider has no recorded run");
  }

  @Test
  void openAiCompatibleNeedsABaseUrl() {
    assertThatThrownBy(() -> gateway.chat(ModelConfig.of("openai-compatible", "qwen3"), ask()))
        .hasMessageStartingWith("The openai-compatible provider needs a base URL");
  }

  private static ChatRequest ask() {
    return ChatRequest.builder().messages(UserMessage.from("hello")).build();
  }
}
