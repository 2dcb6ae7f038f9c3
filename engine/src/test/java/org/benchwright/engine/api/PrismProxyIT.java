package org.benchwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.benchwright.testsupport.DockerRequired;
import org.benchwright.testsupport.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent check of the contract: Stoplight Prism's validation proxy (a different validator,
 * in another language) in front of the real service. Valid requests and their responses must pass
 * it with no {@code sl-violations}; requests the service refuses as off-contract must be flagged by
 * Prism too, so the two validators agree on what the document says.
 *
 * <p>Prism is an npm package, so it is found through {@code -Dbenchwright.prism=PATH} ({@code
 * .ci/run} installs the pinned version and passes it). Without the property the test is skipped
 * with a message; with it, a missing binary fails.
 */
@ExtendWith(DockerRequired.class)
class PrismProxyIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private ApiFixture api;
  private Process prism;
  private URI proxy;
  private final List<String> violations = new ArrayList<>();

  @BeforeEach
  void startProxy() throws Exception {
    String binary = System.getProperty("benchwright.prism", "");
    if (binary.isBlank()) {
      String why =
          "Prism is not configured (-Dbenchwright.prism=PATH; .ci/run installs it): the"
              + " independent contract check does not run.";
      System.err.println("[SKIPPED] PrismProxyIT: " + why);
      Assumptions.abort(why);
    }
    assertThat(Path.of(binary)).as("the Prism binary named by -Dbenchwright.prism").isExecutable();
    api = ApiFixture.start(dir);
    Path spec = dir.resolve("openapi.yaml");
    Files.writeString(spec, Contract.text());
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = dir.resolve("prism.log");
    prism =
        new ProcessBuilder(
                binary,
                "proxy",
                spec.toString(),
                api.server.uri().toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    proxy = URI.create("http://127.0.0.1:" + port);
    Poll.until(
        WAIT,
        () -> {
          if (!prism.isAlive()) {
            throw new IllegalStateException("Prism exited: " + read(log));
          }
          return read(log).contains("Prism is listening");
        });
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (prism != null) {
      prism.destroy();
      if (!prism.waitFor(5, TimeUnit.SECONDS)) {
        prism.destroyForcibly();
      }
    }
    if (api != null) {
      api.close();
    }
  }

  @Test
  void theServiceAndPrismAgreeOnTheContract() throws Exception {
    valid("GET", "/openapi.json", null, false);
    valid("GET", "/project", null, true);
    valid("GET", "/runs?limit=5", null, true);

    api.project.settings().put("workflow.benchmark-generator.planner.plan_approval", "\"ask\"");
    api.answering(ApiServerIT.planThenGiveUp());
    JsonNode run =
        valid(
                "POST",
                "/runs",
                Map.of("workflow", "benchmark-generator", "task", "a ramp", "model", api.model()),
                true)
            .json();
    long id = run.get("id").asLong();
    Poll.until(
        WAIT,
        () -> api.get("/runs/" + id).json().get("status").asText().equals("WAITING_FOR_APPROVAL"));
    valid("GET", "/runs/" + id, null, true);
    valid("GET", "/runs/" + id + "/events?after=0&limit=2", null, true);
    valid("GET", "/runs?workflow=benchmark-generator&status=WAITING_FOR_APPROVAL", null, true);
    // Gates, files, backups, health and the library, each through the proxy.
    valid("GET", "/gates", null, true);
    JsonNode gate = valid("GET", "/runs/" + id + "/gate", null, true).json();
    valid("GET", "/runs/" + id + "/files", null, true);
    valid("GET", "/runs/" + id + "/files/content?path=nothing-here.txt", null, true);
    valid("POST", "/backups?keep=2", null, true);
    valid("GET", "/backups", null, true);
    valid("GET", "/health", null, true);
    valid("GET", "/skills?q=ramp&limit=5", null, true);
    valid("GET", "/skills/999", null, true);
    valid("GET", "/capabilities?q=parse+a+csv", null, true);
    valid("GET", "/capabilities/no_such_tool", null, true);
    valid("GET", "/benchmarks?limit=5", null, true);
    valid("GET", "/benchmarks/999", null, true);
    JsonNode export = valid("POST", "/exports", Map.of("kind", "chat"), true).json();
    String exportId = export.get("id").asText();
    Poll.until(
        WAIT,
        () -> !api.get("/exports/" + exportId).json().get("state").asText().equals("running"));
    valid("GET", "/exports/" + exportId, null, true);
    valid("GET", "/exports/" + exportId + "/download", null, true);
    valid(
        "POST",
        "/predict",
        Map.of("run", id, "rows", java.util.List.of(Map.of("sepal_length", 5.1))),
        true);
    valid(
        "POST",
        "/runs/" + id + "/gate",
        Map.of(
            "decision",
            "reject",
            "by",
            "prism",
            "gate",
            gate.get("id").asLong(),
            "comment",
            "Say which tilt angle."),
        true);
    Poll.until(
        WAIT,
        () -> api.get("/runs/" + id).json().get("status").asText().equals("WAITING_FOR_APPROVAL"));

    long at = api.get("/runs/" + id + "/events?limit=4").json().get("next").asLong();
    valid("POST", "/runs/" + id + "/forks", Map.of("at", at, "why", "try again"), true);
    valid("POST", "/runs/" + id + "/cancel", null, true);
    Poll.until(
        WAIT, () -> api.get("/runs/" + id).json().get("status").asText().equals("CANCELLED"));
    // Only a bounded stream: Prism buffers a body before it checks it, so an open stream would
    // never be answered. A cancelled run's stream ends.
    valid("GET", "/runs/" + id + "/events/stream", null, true);
    // A documented refusal is on-contract too.
    valid("GET", "/runs/999999", null, true);
    valid("POST", "/runs/" + id + "/pause", null, true);

    // Off-contract requests: refused by the service (4xx) and flagged by Prism.
    offContract("GET", "/runs/abc", null, "application/json");
    offContract("GET", "/runs?status=SLEEPING", null, "application/json");
    offContract(
        "POST",
        "/runs",
        ApiFixture.write(Map.of("workflow", "engineer", "task", "t", "colour", "blue")),
        "application/json");
    offContract("POST", "/runs", "workflow=engineer", "text/plain");
    offContract("GET", "/project", null, null, false);
    offContract("GET", "/runs/" + id + "/files/content?path=../../etc/passwd", null, null);
    offContract(
        "POST",
        "/runs/" + id + "/gate",
        ApiFixture.write(Map.of("decision", "maybe", "by", "prism")),
        "application/json");
    offContract("GET", "/skills?limit=0", null, null);

    assertThat(violations).isEmpty();
  }

  private ApiFixture.Response valid(String method, String path, Object body, boolean token) {
    ApiFixture.Response out =
        throughPrism(
            method, path, body == null ? null : ApiFixture.write(body), "application/json", token);
    String verdict = out.header("sl-violations");
    if (verdict != null) {
      violations.add(method + " " + path + " -> " + out.status() + ": " + verdict);
    }
    assertThat(out.status()).as("%s %s: %s", method, path, out.body()).isLessThan(500);
    return out;
  }

  private void offContract(String method, String path, String body, String type) {
    offContract(method, path, body, type, true);
  }

  private void offContract(String method, String path, String body, String type, boolean token) {
    ApiFixture.Response out = throughPrism(method, path, body, type, token);
    assertThat(out.status()).as("%s %s: %s", method, path, out.body()).isBetween(400, 499);
    assertThat(out.header("sl-violations"))
        .as("Prism's verdict on %s %s", method, path)
        .isNotNull();
  }

  /** A request through the proxy; what comes back is checked against the document as well. */
  private ApiFixture.Response throughPrism(
      String method, String path, String body, String type, boolean token) {
    ApiFixture.Response out =
        api.sendTo(proxy, method, path, Map.of(), body, type, token ? api.token.value() : null);
    api.check(method, path, out);
    return out;
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }
}
