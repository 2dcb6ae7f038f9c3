package org.benchwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.benchwright.engine.agent.AgentHarness.args;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.agent.ConversationScript;
import org.benchwright.engine.project.RunStatus;
import org.benchwright.testsupport.DockerRequired;
import org.benchwright.testsupport.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service end to end over loopback HTTP: tokens, a run started and followed through the API,
 * the event stream resumed from {@code Last-Event-ID}. Every response is checked against the
 * contract by the fixture.
 */
@ExtendWith(DockerRequired.class)
class ApiServerIT {

  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  /** A planner that plans, a gate that waits, and a coder that gives up (no sandbox needed). */
  static ConversationScript planThenGiveUp() {
    ConversationScript s = new ConversationScript();
    s.planner();
    s.role("coder", s.call("submit", args("outcome", "impossible", "summary", "stopping here")));
    return s;
  }

  /** A run of the benchmark generator waiting at its plan gate, started through the API. */
  static long runAtGate(ApiFixture api) {
    api.project.settings().put("workflow.benchmark-generator.planner.plan_approval", "\"ask\"");
    api.answering(planThenGiveUp());
    var started =
        api.post(
            "/runs",
            Map.of("workflow", "benchmark-generator", "task", "a ramp", "model", api.model()));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    long id = started.json().get("id").asLong();
    assertThat(started.header("Location")).isEqualTo("/runs/" + id);
    Poll.until(
        WAIT,
        () ->
            api.get("/runs/" + id)
                .json()
                .get("status")
                .asText()
                .equals(RunStatus.WAITING_FOR_APPROVAL.name()));
    return id;
  }

  @Test
  void onlyTheTokenOfThisServiceIsLetIn() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      var none = api.send("GET", "/project", null, null, null);
      assertThat(none.status()).isEqualTo(401);
      assertThat(none.contentType()).startsWith(ApiServer.PROBLEM);
      assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
      assertThat(none.json().get("detail").asText()).contains("No bearer token");

      var wrong =
          api.send(
              "GET", "/project", null, null, api.token.value().substring(0, 40) + "AAAAAAAAAAAAA");
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.json().get("detail").asText()).contains("Wrong token");

      var other = ApiToken.generate("0f0f0f0f-other-project");
      var foreign = api.send("GET", "/project", null, null, other.value());
      assertThat(foreign.status()).isEqualTo(401);
      assertThat(foreign.json().get("detail").asText())
          .contains("another project (0f0f0f0f-other-project)")
          .contains(api.project.uid());

      var ok = api.get("/project");
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.json().get("uid").asText()).isEqualTo(api.project.uid());
      assertThat(ok.json().get("readOnly").asBoolean()).isFalse();

      // The document itself is open, so a client can learn how to authenticate.
      var doc = api.send("GET", "/openapi.json", null, null, null);
      assertThat(doc.status()).isEqualTo(200);
      assertThat(doc.json().get("openapi").asText()).isEqualTo("3.1.0");
      assertThat(api.project.runs().list()).isEmpty();
    }
  }

  /** What a holder of the token must not be able to do with the user's machine or keys. */
  @Test
  void aModelChoiceCannotSendKeysElsewhereNorReadAnyFile() throws Exception {
    try (ApiFixture api = ApiFixture.start(dir)) {
      long events = api.project.summary().events();
      var elsewhere =
          startWith(api, Map.of("provider", "anthropic", "baseUrl", "https://keys.example/v1"));
      assertThat(elsewhere.status()).isEqualTo(422);
      assertThat(elsewhere.json().get("detail").asText())
          .contains("sends anthropic's API key only to its own endpoint or to this machine");

      var device = startWith(api, Map.of("provider", "scripted", "baseUrl", "file:///dev/zero"));
      assertThat(device.status()).isEqualTo(422);
      assertThat(device.json().get("detail").asText()).contains("ending in .json, .yaml or .yml");

      Path fifo = dir.resolve("turns.json");
      Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
      assertThat(mk.waitFor()).isZero();
      var pipe = startWith(api, Map.of("provider", "scripted", "baseUrl", fifo.toUri().toString()));
      assertThat(pipe.status()).isEqualTo(422);
      assertThat(pipe.json().get("detail").asText()).contains("it is not a regular file");

      // A body without a Content-Type would pass the validator unchecked.
      var untyped =
          api.send(
              "POST",
              "/runs",
              "{\"workflow\":\"engineer\",\"task\":\"t\",\"colour\":1}",
              null,
              tok(api));
      assertThat(untyped.status()).isEqualTo(415);
      assertThat(untyped.json().get("detail").asText()).contains("needs a Content-Type header");

      assertThat(api.project.runs().list()).isEmpty();
      assertThat(api.project.summary().events()).isEqualTo(events);
    }
  }

  @Test
  void requestsTheDocumentDoesNotAllowAreRefusedBeforeAnythingRuns() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      long events = api.project.summary().events();
      var extra =
          api.post(
              "/runs",
              Map.of("workflow", "engineer", "task", "t", "model", api.model(), "colour", "blue"));
      assertThat(extra.status()).isEqualTo(400);
      assertThat(extra.json().get("errors").toString()).contains("colour");

      var malformed = api.send("POST", "/runs", "{\"workflow\":", "application/json", tok(api));
      assertThat(malformed.status()).isEqualTo(400);

      var text = api.send("POST", "/runs", "workflow=engineer", "text/plain", tok(api));
      assertThat(text.status()).isEqualTo(415);

      var badId = api.get("/runs/abc");
      assertThat(badId.status()).isEqualTo(400);

      var badEnum = api.get("/runs?status=SLEEPING");
      assertThat(badEnum.status()).isEqualTo(400);

      var unknownWorkflow =
          api.post("/runs", Map.of("workflow", "no-such-flow", "task", "t", "model", api.model()));
      assertThat(unknownWorkflow.status()).isEqualTo(422);
      assertThat(unknownWorkflow.json().get("detail").asText()).contains("engineer");

      assertThat(api.get("/runs/999").status()).isEqualTo(404);
      assertThat(api.get("/nowhere").status()).isEqualTo(404);
      assertThat(api.send("DELETE", "/project", null, null, tok(api)).status()).isEqualTo(405);

      var huge =
          api.send(
              "POST",
              "/runs",
              "{\"workflow\":\"engineer\",\"task\":\"" + "x".repeat(2 << 20) + "\"}",
              "application/json",
              tok(api));
      assertThat(huge.status()).isEqualTo(413);

      assertThat(api.project.runs().list()).isEmpty();
      assertThat(api.project.summary().events()).isEqualTo(events);
    }
  }

  @Test
  void aModelChoiceOrReplyTheEngineCannotUseIsRefusedWith422AndRecordsNothing() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      long id = runAtGate(api);
      int runs = api.project.runs().list().size();
      long events = api.project.summary().events();

      var noScript =
          api.post(
              "/runs",
              Map.of(
                  "workflow",
                  "benchmark-generator",
                  "task",
                  "t",
                  "model",
                  Map.of(
                      "provider",
                      "scripted",
                      "baseUrl",
                      dir.resolve("no-such-script.json").toUri().toString())));
      assertThat(noScript.status()).isEqualTo(422);
      assertThat(noScript.contentType()).startsWith(ApiServer.PROBLEM);
      assertThat(noScript.json().get("detail").asText()).contains("does not exist");

      var emptyReply = api.post("/runs/" + id + "/forks", Map.of("at", 6, "reply", Map.of()));
      assertThat(emptyReply.status()).isEqualTo(422);
      assertThat(emptyReply.json().get("detail").asText()).contains("neither text nor tool_calls");

      assertThat(api.project.runs().list()).hasSize(runs);
      assertThat(api.project.summary().events()).isEqualTo(events);
    }
  }

  @Test
  void aRunStartedThroughTheServiceIsListedPagedAndFollowed() throws Exception {
    try (ApiFixture api = ApiFixture.start(dir)) {
      long id = runAtGate(api);

      var list = api.get("/runs?workflow=benchmark-generator&limit=10");
      assertThat(list.json().get("runs")).hasSize(1);
      assertThat(list.json().get("runs").get(0).get("live").asBoolean()).isTrue();
      assertThat(list.json().get("next").isNull()).isTrue();

      var page = api.get("/runs/" + id + "/events?limit=3");
      assertThat(page.json().get("events")).hasSize(3);
      long next = page.json().get("next").asLong();
      var rest = api.get("/runs/" + id + "/events?after=" + next + "&limit=5000");
      assertThat(rest.json().get("events").get(0).get("seq").asLong()).isGreaterThan(next);
      long last = lastSeq(rest.json());

      // The stream sends what is recorded after Last-Event-ID, then stays open at the gate.
      List<String> ids = new ArrayList<>();
      try (var stream = open(api, "/runs/" + id + "/events/stream", Map.of("Last-Event-ID", "2"))) {
        assertThat(stream.status).isEqualTo(200);
        assertThat(stream.contentType).startsWith("text/event-stream");
        String line;
        while ((line = stream.reader.readLine()) != null) {
          if (line.startsWith("id: ")) {
            ids.add(line.substring(4));
          }
          if (line.startsWith("data: ")) {
            JsonNode event = ApiFixture.JSON.readTree(line.substring(6));
            assertThat(
                    Contract.shipped()
                        .checkResponse(
                            "GET",
                            "/runs/" + id + "/events",
                            200,
                            "application/json",
                            "{\"events\":[" + event + "],\"next\":null}"))
                .isEmpty();
          }
          if (ids.size() == last - 2) {
            break;
          }
        }
      }
      assertThat(ids.getFirst()).isEqualTo("3");
      assertThat(ids.getLast()).isEqualTo(Long.toString(last));

      // Cancel it through the service; the stream of an ended run closes with `event: end`.
      var cancelled = api.post("/runs/" + id + "/cancel", null);
      assertThat(cancelled.status()).isEqualTo(200);
      Poll.until(
          WAIT, () -> api.get("/runs/" + id).json().get("status").asText().equals("CANCELLED"));
      try (var stream = open(api, "/runs/" + id + "/events/stream?after=0", Map.of())) {
        String line;
        String lastEvent = null;
        while ((line = stream.reader.readLine()) != null) {
          if (line.startsWith("event: ")) {
            lastEvent = line.substring(7);
          }
        }
        assertThat(lastEvent).isEqualTo("end");
      }
      // A run that has ended cannot be paused.
      assertThat(api.post("/runs/" + id + "/pause", null).status()).isEqualTo(409);
    }
  }

  /** POST /runs of the engineer workflow with this model choice. */
  private static ApiFixture.Response startWith(ApiFixture api, Map<String, Object> model) {
    return api.post("/runs", Map.of("workflow", "engineer", "task", "t", "model", model));
  }

  private static long lastSeq(JsonNode page) {
    JsonNode events = page.get("events");
    return events.get(events.size() - 1).get("seq").asLong();
  }

  private static String tok(ApiFixture api) {
    return api.token.value();
  }

  /** An open event stream. */
  record Stream(int status, String contentType, BufferedReader reader, InputStream body)
      implements AutoCloseable {
    @Override
    public void close() throws IOException {
      body.close();
    }
  }

  static Stream open(ApiFixture api, String path, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(api.uri(path))
            .header("Authorization", "Bearer " + api.token.value());
    headers.forEach(b::header);
    HttpResponse<InputStream> r =
        api.http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    return new Stream(
        r.statusCode(),
        r.headers().firstValue("Content-Type").orElse(""),
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8)),
        r.body());
  }
}
