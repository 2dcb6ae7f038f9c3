package org.benchwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.benchwright.engine.sandbox.SandboxSpec;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health through the service: Docker and the sandbox images as the status bar sees them, and which
 * providers have a key, never the key; asking starts no container and records nothing.
 */
@ExtendWith(DockerRequired.class)
class HealthOperationsIT {

  @TempDir Path dir;

  @Test
  void healthNamesDockerAndItsImagesAndWhichKeysAreSetWithoutShowingThem() throws Exception {
    try (ApiFixture api = ApiFixture.start(dir)) {
      List<String> containers = containers();
      long events = api.project.summary().events();

      var r = api.get("/health");
      assertThat(r.status()).isEqualTo(200);
      JsonNode h = r.json();
      assertThat(h.get("status").asText()).isEqualTo("ok");
      assertThat(h.get("version").asText()).isEqualTo("test");
      assertThat(h.get("docker").findValuesAsText("image")).contains(SandboxSpec.DEFAULT_IMAGE);
      assertThat(h.get("docker").findValuesAsText("state")).containsOnly("READY");
      assertThat(h.get("docker").get(0).get("summary").asText()).startsWith("Docker ");

      JsonNode models = h.get("models");
      assertThat(models.findValuesAsText("provider"))
          .containsExactlyInAnyOrder(
              "openai", "anthropic", "gemini", "ollama", "openai-compatible");
      for (JsonNode m : models) {
        // Only the fixture's OpenAI-compatible key is set; its key file does not exist.
        boolean compatible = m.get("provider").asText().equals("openai-compatible");
        assertThat(m.get("keyConfigured").asBoolean()).as(m.toString()).isEqualTo(compatible);
        assertThat(m.get("problem").isNull()).isTrue();
      }
      assertThat(r.body()).doesNotContain(ApiFixture.KEY);

      var noToken = api.send("GET", "/health", null, null, null);
      assertThat(noToken.status()).isEqualTo(401);

      assertThat(containers()).isEqualTo(containers);
      assertThat(api.project.summary().events()).isEqualTo(events);
    }
  }

  @Test
  void aKeyFileOthersCanReadMakesHealthDegradedAndSaysWhyWithoutTheKey() throws Exception {
    // The fixture's key file: open to other users, so no key in it is read.
    Path keys = dir.resolve("no-keys.properties");
    java.nio.file.Files.writeString(keys, "openai=sk-open-to-others-41ab\n");
    java.nio.file.Files.setPosixFilePermissions(
        keys, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    try (ApiFixture api = ApiFixture.start(dir)) {
      var r = api.get("/health");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().get("status").asText()).isEqualTo("degraded");
      JsonNode openai = null;
      for (JsonNode m : r.json().get("models")) {
        if (m.get("provider").asText().equals("openai")) {
          openai = m;
        }
      }
      assertThat(openai).isNotNull();
      assertThat(openai.get("keyConfigured").asBoolean()).isFalse();
      assertThat(openai.get("problem").asText()).contains("chmod 600");
      assertThat(r.body()).doesNotContain("sk-open-to-others-41ab").doesNotContain(ApiFixture.KEY);
    }
  }

  /** The containers Benchwright manages on this Docker engine, by id. */
  private static List<String> containers() throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "docker", "ps", "-aq", "--no-trunc", "--filter", "label=org.benchwright.managed")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().sorted().toList();
  }
}
