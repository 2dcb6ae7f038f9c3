package org.benchwright.engine.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.model.ApiKeys;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.sandbox.DockerHealth;
import org.junit.jupiter.api.Test;

class RunPreflightTest {

  private static final DockerHealth READY =
      new DockerHealth(DockerHealth.State.READY, "Docker 27", "Docker 27 answers.");
  private static final DockerHealth STOPPED =
      new DockerHealth(
          DockerHealth.State.ENGINE_UNREACHABLE,
          "Docker: not running",
          "The Docker engine does not answer. Start Docker.");

  private final List<String> imagesAsked = new ArrayList<>();

  private RunPreflight preflight(Map<String, String> env, DockerHealth docker) {
    return new RunPreflight(
        ApiKeys.of(env, null),
        image -> {
          imagesAsked.add(image);
          return docker;
        });
  }

  @Test
  void aMissingKeyIsRefusedWithTheGatewaysOwnWords() {
    RunPreflight check = preflight(Map.of(), READY);

    assertThat(check.problem(ModelConfig.of("openai", "gpt-4o"), "benchwright/cad-sim"))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .startsWith("There is no API key for OpenAI. Set OPENAI_API_KEY or add it to")
                    .endsWith("as openai=<key>."));
    assertThat(imagesAsked).as("no need to ask Docker once the key is missing").isEmpty();
  }

  @Test
  void aStoppedDockerIsRefusedWithItsAdvice() {
    RunPreflight check = preflight(Map.of("ANTHROPIC_API_KEY", "sk-ant"), STOPPED);

    assertThatThrownBy(
            () -> check.require(ModelConfig.of("anthropic", "claude-sonnet-4-5"), "img:1"))
        .isInstanceOf(RunPreflight.Refused.class)
        .hasMessage("The Docker engine does not answer. Start Docker.");
    assertThat(imagesAsked).containsExactly("img:1");
  }

  @Test
  void aRunWithAKeyAndDockerReadyMayStart() {
    RunPreflight check = preflight(Map.of("OPENAI_API_KEY", "sk-1"), READY);

    assertThat(check.problem(ModelConfig.of("openai", "gpt-4o"), "img:1")).isEmpty();
  }

  @Test
  void scriptedAndReplayRunsNeedNeitherKeyNorDocker() {
    RunPreflight check = preflight(Map.of(), STOPPED);

    assertThat(check.problem(ModelConfig.of("scripted", "demo"), "img:1")).isEmpty();
    assertThat(check.problem(ModelConfig.of("replay", "gpt-4o"), "img:1")).isEmpty();
    assertThat(imagesAsked).isEmpty();
  }

  @Test
  void aLocalModelNeedsNoKeyButItsBaseUrl() {
    RunPreflight check = preflight(Map.of(), READY);

    assertThat(check.modelProblem(ModelConfig.of("ollama", "qwen3"))).isEmpty();
    assertThat(check.modelProblem(ModelConfig.of("openai-compatible", "qwen3")))
        .hasValueSatisfying(m -> assertThat(m).contains("needs a base URL"));
    assertThat(check.modelProblem(ModelConfig.of("nope", "x")))
        .hasValueSatisfying(m -> assertThat(m).startsWith("Unknown model provider 'nope'"));
  }
}
