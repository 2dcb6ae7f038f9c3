package org.benchwright.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.benchwright.engine.model.ModelException.Kind;
import org.junit.jupiter.api.Test;

class ModelConfigTest {

  @Test
  void ofUsesTheDefaults() {
    ModelConfig config = ModelConfig.of("openai", "gpt-4o");

    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(config.maxRetries()).isEqualTo(3);
    assertThat(config.baseUrl()).isNull();
  }

  @Test
  void jsonRoundTripKeepsEveryFieldAndHoldsNoKey() {
    ModelConfig config =
        new ModelConfig(
            "openai-compatible",
            "qwen3",
            "http://localhost:8000/v1",
            0.2,
            4096,
            Duration.ofSeconds(45),
            5);

    String json = config.toJson();

    assertThat(ModelConfig.fromJson(json)).isEqualTo(config);
    assertThat(json)
        .isEqualTo(
            "{\"provider\":\"openai-compatible\",\"model\":\"qwen3\",\"base_url\":\"http://localhost:8000/v1\","
                + "\"temperature\":0.2,\"max_output_tokens\":4096,\"timeout\":\"PT45S\",\"max_retries\":5}");
    assertThat(json.toLowerCase()).doesNotContain("key");
  }

  @Test
  void missingOptionalFieldsTakeDefaults() {
    assertThat(ModelConfig.fromJson("{\"provider\":\"ollama\",\"model\":\"llama3.1\"}"))
        .isEqualTo(ModelConfig.of("ollama", "llama3.1"));
  }

  @Test
  void invalidSnapshotIsAConfigurationError() {
    assertThatThrownBy(() -> ModelConfig.fromJson("{\"model\":\"gpt-4o\"}"))
        .isInstanceOfSatisfying(
            ModelException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION))
        .hasMessageContaining("needs a provider");
    assertThatThrownBy(
            () ->
                ModelConfig.fromJson(
                    "{\"provider\":\"openai\",\"model\":\"m\",\"timeout\":\"2 minutes\"}"))
        .hasMessageContaining("'2 minutes' is not an ISO-8601 duration");
  }

  @Test
  void nonsenseLimitsAreRejected() {
    assertThatThrownBy(
            () -> new ModelConfig("openai", "gpt-4o", null, null, null, Duration.ZERO, 3))
        .hasMessageContaining("timeout must be positive");
    assertThatThrownBy(() -> new ModelConfig("openai", "gpt-4o", null, null, null, null, -1))
        .hasMessageContaining("maxRetries");
  }
}
