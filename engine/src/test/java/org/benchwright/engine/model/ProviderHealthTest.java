package org.benchwright.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.benchwright.engine.model.ProviderHealth.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderHealthTest {

  @TempDir Path dir;

  private ApiKeys keys(Map<String, String> env) {
    return ApiKeys.of(env, dir.resolve("keys.properties"));
  }

  @Test
  void aHostedProviderWithoutAKeySaysWhichVariableAndFileToSet() {
    ProviderHealth h =
        ProviderHealth.check(keys(Map.of()), ModelConfig.of("gemini", "gemini-2.5-pro"));

    assertThat(h.state()).isEqualTo(State.KEY_MISSING);
    assertThat(h.ready()).isFalse();
    assertThat(h.advice()).contains("GEMINI_API_KEY or GOOGLE_API_KEY").contains("gemini=YOUR_KEY");
  }

  @Test
  void aKeyFromTheUserFileCountsAndIsNeverRepeated() throws Exception {
    Path file = dir.resolve("keys.properties");
    Files.writeString(file, "openai=sk-from-file-987654\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    ProviderHealth h = ProviderHealth.check(keys(Map.of()), ModelConfig.of("openai", "gpt-4o"));

    assertThat(h.state()).isEqualTo(State.READY);
    assertThat(h.summary() + h.advice()).doesNotContain("sk-from-file-987654");
  }

  @Test
  void aKeyFileOthersCanReadIsReportedAsMisconfigured() throws Exception {
    Path file = dir.resolve("keys.properties");
    Files.writeString(file, "openai=sk-x\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    ProviderHealth h = ProviderHealth.check(keys(Map.of()), ModelConfig.of("openai", "gpt-4o"));

    assertThat(h.state()).isEqualTo(State.MISCONFIGURED);
    assertThat(h.advice()).contains("chmod 600");
  }

  @Test
  void aServerThatAnswersAtTheBaseUrlIsReachableWhateverItsStatus() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          ex.sendResponseHeaders(404, -1);
          ex.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
      ProviderHealth h =
          ProviderHealth.check(
              keys(Map.of()), new ModelConfig("openai-compatible", "m", url, null, null, null, 0));

      assertThat(h.state()).isEqualTo(State.READY);
      assertThat(h.advice()).contains(url);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void nothingListeningAtTheBaseUrlIsUnreachableWithWhatToStart() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;

    ProviderHealth h =
        ProviderHealth.check(
            keys(Map.of()), new ModelConfig("ollama", "llama3", url, null, null, null, 0));

    assertThat(h.state()).isEqualTo(State.UNREACHABLE);
    assertThat(h.advice()).contains(url).contains("ollama serve");
  }

  @Test
  void anOpenAiCompatibleServerNeedsAUrl() {
    ProviderHealth h =
        ProviderHealth.check(keys(Map.of()), ModelConfig.of("openai-compatible", "m"));

    assertThat(h.state()).isEqualTo(State.MISCONFIGURED);
    assertThat(h.advice()).contains("base URL");
  }

  @Test
  void scriptedAndReplayWorkOffline() {
    assertThat(ProviderHealth.check(keys(Map.of()), ModelConfig.of("scripted", "s")).state())
        .isEqualTo(State.OFFLINE);
    assertThat(ProviderHealth.check(keys(Map.of()), ModelConfig.of("replay", "r")).ready())
        .isTrue();
  }

  @Test
  void anUnknownProviderListsTheKnownOnes() {
    ProviderHealth h = ProviderHealth.check(keys(Map.of()), ModelConfig.of("openia", "x"));

    assertThat(h.state()).isEqualTo(State.MISCONFIGURED);
    assertThat(h.advice()).contains("openai, anthropic");
  }
}
