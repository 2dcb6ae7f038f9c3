package org.benchwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.benchwright.engine.agent.AgentHarness.args;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
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
 * Training-data exports through the service: started in the background, followed, downloaded, with
 * the keys a run recorded scrubbed out of the file.
 */
@ExtendWith(DockerRequired.class)
class ExportApiIT {

  static final Duration WAIT = Duration.ofSeconds(60);

  /** A key a user pasted into a task, and a credential the model wrote into a tool call. */
  static final String PASTED_KEY = "sk-proj-PLANTED0123456789abcdefXYZ";

  static final String WRITTEN_SECRET = "hunter2-planted-in-a-plan";

  @TempDir Path dir;

  /** A run started through the service that plans (with the secrets), then is cancelled. */
  static long endedRunWithSecrets(ApiFixture api) {
    api.project.settings().put("workflow.benchmark-generator.planner.plan_approval", "\"ask\"");
    ConversationScript s = new ConversationScript();
    s.role(
        "planner",
        s.call(
            "update_todo",
            args(
                "plan",
                "Make a ramp; deploy with password=" + WRITTEN_SECRET,
                "items",
                List.of(Map.of("text", "ramp", "status", "todo")))),
        s.call("submit", args("outcome", "planned", "summary", "a ramp")));
    s.role("coder", s.call("submit", args("outcome", "impossible", "summary", "stopping here")));
    api.answering(s);
    var started =
        api.post(
            "/runs",
            Map.of(
                "workflow",
                "benchmark-generator",
                "task",
                "A ramp for a ball. My OpenAI key is " + PASTED_KEY + " if you need it.",
                "model",
                api.model()));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    long id = started.json().get("id").asLong();
    Poll.until(WAIT, () -> status(api, id).equals(RunStatus.WAITING_FOR_APPROVAL.name()));
    assertThat(api.post("/runs/" + id + "/cancel", null).status()).isEqualTo(200);
    Poll.until(WAIT, () -> status(api, id).equals(RunStatus.CANCELLED.name()));
    return id;
  }

  static String status(ApiFixture api, long run) {
    return api.get("/runs/" + run).json().get("status").asText();
  }

  /** Starts an export and waits until it has ended; returns its final view. */
  static JsonNode exportAndWait(ApiFixture api, Map<String, Object> request) {
    var started = api.post("/exports", request);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String id = started.json().get("id").asText();
    assertThat(started.header("Location")).isEqualTo("/exports/" + id);
    Poll.until(
        WAIT, () -> !api.get("/exports/" + id).json().get("state").asText().equals("running"));
    return api.get("/exports/" + id).json();
  }

  @Test
  void anExportRunsInTheBackgroundAndItsFileHasNoKeys() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      long run = endedRunWithSecrets(api);
      // The run recorded both secrets: the export is what must leave them out.
      String recorded =
          api.get("/runs/" + run + "/events?limit=5000").json().get("events").toString();
      assertThat(recorded).contains(PASTED_KEY).contains(WRITTEN_SECRET);

      JsonNode done = exportAndWait(api, Map.of("workflow", "benchmark-generator"));
      assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("done");
      assertThat(done.get("counts").get("runs").asInt()).isEqualTo(1);
      long lines = done.get("counts").get("trainLines").asLong();
      assertThat(lines).isPositive();
      assertThat(done.get("formatProblems")).isEmpty();
      assertThat(done.get("eventsRead").asLong()).isPositive();
      assertThat(done.get("parts")).extracting(JsonNode::asText).containsExactly("train");

      var file = api.get("/exports/" + done.get("id").asText() + "/download");
      assertThat(file.status()).isEqualTo(200);
      assertThat(file.contentType()).startsWith("application/x-ndjson");
      assertThat(file.header("Content-Disposition")).contains("chat-train.jsonl");
      assertThat(file.body().lines()).hasSize((int) lines);
      assertThat(file.body())
          .contains("A ramp for a ball")
          .contains("[REDACTED")
          .doesNotContain(PASTED_KEY)
          .doesNotContain(WRITTEN_SECRET)
          .doesNotContain(ApiFixture.KEY);

      // A split puts the run on the validation side; a filter that selects nothing writes nothing.
      JsonNode split = exportAndWait(api, Map.of("validationFraction", 1.0));
      assertThat(split.get("parts"))
          .extracting(JsonNode::asText)
          .containsExactly("train", "validation");
      assertThat(split.get("counts").get("validationLines").asLong()).isEqualTo(lines);
      String sid = split.get("id").asText();
      var emptySide = api.get("/exports/" + sid + "/download");
      assertThat(emptySide.status()).isEqualTo(204);
      assertThat(emptySide.body()).isEmpty();
      assertThat(api.get("/exports/" + sid + "/download?part=validation").body())
          .doesNotContain(PASTED_KEY)
          .contains("A ramp for a ball");

      JsonNode none = exportAndWait(api, Map.of("workflow", "engineer", "outcome", "passed"));
      assertThat(none.get("counts").get("runs").asInt()).isZero();
      assertThat(none.get("request").get("outcome").asText()).isEqualTo("passed");

      JsonNode pairs = exportAndWait(api, Map.of("kind", "preferences"));
      assertThat(pairs.get("state").asText()).as(pairs.toString()).isEqualTo("done");
      assertThat(pairs.get("kind").asText()).isEqualTo("preferences");
    }
  }

  /**
   * Exports only read: a service that does not write the project (another process does) exports.
   */
  @Test
  void aServiceThatOnlyReadsTheProjectExportsToo() throws Exception {
    try (ApiFixture api = ApiFixture.start(dir)) {
      long run = endedRunWithSecrets(api);
      try (ReaderService reader = new ReaderService(api)) {
        var refused =
            reader.post("/runs", Map.of("workflow", "engineer", "task", "t", "model", api.model()));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asText()).contains(ReaderService.WRITER);

        var started = reader.post("/exports", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String path = started.header("Location");
        Poll.until(WAIT, () -> !reader.get(path).json().get("state").asText().equals("running"));
        var done = reader.get(path).json();
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("done");
        assertThat(done.get("counts").get("runs").asInt()).isEqualTo(1);
        var file = reader.get(path + "/download");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body()).contains("A ramp for a ball").doesNotContain(PASTED_KEY);
      }
      assertThat(api.project.runs().find(run).orElseThrow().status())
          .isEqualTo(RunStatus.CANCELLED);
    }
  }

  @Test
  void badExportRequestsAreRefusedClearlyAndChangeNothing() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      JsonNode plain = exportAndWait(api, Map.of());
      String id = plain.get("id").asText();
      RecordedState before = RecordedState.of(api.project);

      var extra = api.post("/exports", Map.of("workflow", "engineer", "format", "csv"));
      assertThat(extra.status()).isEqualTo(400);
      assertThat(extra.contentType()).startsWith(ApiServer.PROBLEM);
      assertThat(extra.json().get("errors").toString()).contains("format");

      var outcome = api.post("/exports", Map.of("outcome", "maybe"));
      assertThat(outcome.status()).isEqualTo(400);
      assertThat(outcome.json().get("errors").toString()).contains("body /outcome");

      var since = api.post("/exports", Map.of("since", "yesterday"));
      assertThat(since.status()).isEqualTo(400);
      assertThat(since.json().get("errors").toString()).contains("body /since");

      var fraction = api.post("/exports", Map.of("validationFraction", 2));
      assertThat(fraction.status()).isEqualTo(400);
      assertThat(fraction.json().get("errors").toString()).contains("body /validationFraction");

      var pairsSplit =
          api.post("/exports", Map.of("kind", "preferences", "validationFraction", 0.5));
      assertThat(pairsSplit.status()).isEqualTo(422);
      assertThat(pairsSplit.json().get("detail").asText())
          .isEqualTo("Preference pairs have no validation split: leave validationFraction out.");

      var text = api.send("POST", "/exports", "kind=chat", "text/plain", api.token.value());
      assertThat(text.status()).isEqualTo(415);

      var huge =
          api.send(
              "POST",
              "/exports",
              "{\"workflow\":\"" + "x".repeat(2 << 20) + "\"}",
              "application/json",
              api.token.value());
      assertThat(huge.status()).isEqualTo(413);

      var notUuid = api.get("/exports/42");
      assertThat(notUuid.status()).isEqualTo(400);
      assertThat(notUuid.json().get("errors").toString()).contains("path parameter 'exportId'");

      String unknown = "00000000-0000-4000-8000-000000000000";
      var missing = api.get("/exports/" + unknown);
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.json().get("detail").asText())
          .isEqualTo(
              "No export " + unknown + " in this service (exports last as long as the service).");
      assertThat(api.get("/exports/" + unknown + "/download").status()).isEqualTo(404);

      var noSplit = api.get("/exports/" + id + "/download?part=validation");
      assertThat(noSplit.status()).isEqualTo(404);
      assertThat(noSplit.json().get("detail").asText()).contains("has no validation part");

      var part = api.get("/exports/" + id + "/download?part=everything");
      assertThat(part.status()).isEqualTo(400);
      assertThat(part.json().get("errors").toString()).contains("query parameter 'part'");

      var anonymous = api.send("POST", "/exports", "{}", "application/json", null);
      assertThat(anonymous.status()).isEqualTo(401);

      assertThat(RecordedState.of(api.project)).isEqualTo(before);
      // The refused requests started no export: the one export is still the only one done.
      assertThat(api.get("/exports/" + id).json().get("state").asText()).isEqualTo("done");
    }
  }
}
