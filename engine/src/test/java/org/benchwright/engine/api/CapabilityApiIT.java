package org.benchwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.benchwright.engine.capabilities.CapabilityRegistry;
import org.benchwright.engine.capabilities.CapabilitySpec;
import org.benchwright.engine.capabilities.TestOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capabilities through the service: search by meaning, and one read with its verification. */
class CapabilityApiIT {

  @TempDir Path dir;

  static JsonNode json(String text) {
    try {
      return ApiFixture.JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static final String CODE =
      "def celsius_to_fahrenheit(celsius):\n    return celsius * 9 / 5 + 32\n";
  static final String TESTS =
      "from capability import celsius_to_fahrenheit\n\n"
          + "def test_boiling():\n    assert celsius_to_fahrenheit(celsius=100) == 212\n";

  /**
   * Registers a capability through the engine's registry, with the red and green test runs the
   * sandbox would have reported (registration needs them; running them is the sandbox's ITs' job).
   */
  static void register(ApiFixture api, String name, String description) {
    CapabilitySpec spec =
        CapabilitySpec.parse(
            json(
                """
                {"name": "%s", "description": "%s",
                 "parameters": {"type": "object", "properties": {"celsius": {"type": "number"}},
                                "required": ["celsius"]},
                 "result": {"type": "number"},
                 "examples": [{"arguments": {"celsius": 100}, "result": 212}]}
                """
                    .formatted(name, description)));
    TestOutcome red = new TestOutcome(TestOutcome.RED, true, null, 1, 1, 1, "EXIT", "1 failed", 40);
    TestOutcome green =
        new TestOutcome(TestOutcome.GREEN, true, null, 1, 0, 0, "EXIT", "1 passed", 35);
    CapabilityRegistry.of(api.project)
        .register(
            spec,
            TESTS,
            CODE.replace("celsius_to_fahrenheit", name),
            red,
            green,
            false,
            new CapabilityRegistry.Origin(null, null, "written by the test"));
  }

  static void registerTwo(ApiFixture api) {
    register(api, "celsius_to_fahrenheit", "Convert a temperature from Celsius to Fahrenheit.");
    register(api, "parse_iso_date", "Read an ISO-8601 date string into year, month and day.");
  }

  @Test
  void aSearchFindsCapabilitiesByMeaningAsTheCliDoes() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      registerTwo(api);
      RecordedState before = RecordedState.of(api.project);
      var r = api.get("/capabilities?q=turn%20degrees%20celsius%20into%20fahrenheit&threshold=0.3");
      assertThat(r.status()).isEqualTo(200);
      var hits = r.json().get("capabilities");
      assertThat(hits.get(0).get("name").asText()).isEqualTo("celsius_to_fahrenheit");
      assertThat(hits.get(0).get("status").asText()).isEqualTo("active");
      assertThat(hits.get(0).get("matches").asBoolean()).isTrue();
      var cli =
          CapabilityRegistry.of(api.project)
              .search("turn degrees celsius into fahrenheit", 10, 0.3)
              .getFirst();
      assertThat(hits.get(0).get("score").asDouble()).isEqualTo(cli.score());

      // The threshold decides what is a match, not what is ranked.
      String q = "/capabilities?q=temperature%20in%20other%20units&threshold=";
      var loose = api.get(q + "0").json().get("capabilities").get(0);
      double score = loose.get("score").asDouble();
      assertThat(score).isLessThan(1);
      var strict = api.get(q + (score + (1 - score) / 2)).json().get("capabilities").get(0);
      assertThat(strict.get("name").asText()).isEqualTo(loose.get("name").asText());
      assertThat(strict.get("matches").asBoolean()).isFalse();
      assertThat(api.get(q + score).json().get("capabilities").get(0).get("matches").asBoolean())
          .isTrue();

      var all = api.get("/capabilities").json().get("capabilities");
      assertThat(all)
          .extracting(n -> n.get("name").asText())
          .containsExactlyInAnyOrder("celsius_to_fahrenheit", "parse_iso_date");
      assertThat(all.get(0).get("score").isNull()).isTrue();

      // Searching is not a use: no counter moved.
      assertThat(RecordedState.of(api.project)).isEqualTo(before);
    }
  }

  @Test
  void aCapabilityIsReadWithSpecCodeAndVerification() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      registerTwo(api);
      api.project.capabilities().setStatus("parse_iso_date", "quarantined", "tests failed");

      var c = api.get("/capabilities/celsius_to_fahrenheit");
      assertThat(c.status()).isEqualTo(200);
      JsonNode n = c.json();
      assertThat(n.get("status").asText()).isEqualTo("active");
      assertThat(n.get("offered").asBoolean()).isTrue();
      assertThat(n.get("parameters").get("properties").has("celsius")).isTrue();
      assertThat(n.get("result").get("type").asText()).isEqualTo("number");
      assertThat(n.get("code").asText()).contains("* 9 / 5 + 32");
      assertThat(n.get("tests").asText()).contains("def test_boiling");
      assertThat(n.get("origin").get("note").asText()).isEqualTo("written by the test");
      assertThat(n.get("testRuns"))
          .extracting(t -> t.get("phase").asText())
          .containsExactly("red", "green");

      var q = api.get("/capabilities/parse_iso_date");
      assertThat(q.json().get("status").asText()).isEqualTo("quarantined");
      assertThat(q.json().get("statusReason").asText()).isEqualTo("tests failed");
      assertThat(q.json().get("offered").asBoolean()).isFalse();
      // A quarantined capability is not offered to a search.
      assertThat(api.get("/capabilities?q=iso%20date&threshold=0").json().get("capabilities"))
          .extracting(h -> h.get("name").asText())
          .doesNotContain("parse_iso_date");
    }
  }

  @Test
  void badCapabilityRequestsAreRefusedClearlyAndChangeNothing() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      registerTwo(api);
      RecordedState before = RecordedState.of(api.project);

      var threshold = api.get("/capabilities?q=x&threshold=2");
      assertThat(threshold.status()).isEqualTo(400);
      assertThat(threshold.contentType()).startsWith(ApiServer.PROBLEM);
      assertThat(threshold.json().get("errors").toString()).contains("query parameter 'threshold'");

      var limit = api.get("/capabilities?limit=201");
      assertThat(limit.status()).isEqualTo(400);
      assertThat(limit.json().get("errors").toString()).contains("query parameter 'limit'");

      var badName = api.get("/capabilities/Not-A-Function");
      assertThat(badName.status()).isEqualTo(400);
      assertThat(badName.json().get("errors").toString()).contains("path parameter 'name'");

      var missing = api.get("/capabilities/no_such_thing");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.json().get("detail").asText())
          .isEqualTo("No capability named 'no_such_thing' in this project.");

      var wrong = api.send("GET", "/capabilities/celsius_to_fahrenheit", null, null, "nope");
      assertThat(wrong.status()).isEqualTo(401);

      var post = api.post("/capabilities", java.util.Map.of("name", "x"));
      assertThat(post.status()).isEqualTo(405);

      assertThat(RecordedState.of(api.project)).isEqualTo(before);
    }
  }
}
