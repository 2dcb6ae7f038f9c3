package org.benchwright.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.model.ModelConfig;
import org.benchwright.engine.project.BenchmarkDetail;
import org.benchwright.engine.project.NewBenchmark;
import org.benchwright.engine.project.NewRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored benchmarks through the service: a page of them, and one with its seeds' verdicts. */
class BenchmarkApiIT {

  @TempDir Path dir;

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String report(long seed, boolean passed) {
    return ApiFixture.write(
        Map.of(
            "seed",
            seed,
            "mjcf_check",
            Map.of("verdict", passed ? "ok" : "unstable"),
            "problems",
            passed ? List.of() : List.of("MuJoCo: unstable energy grows"),
            "passed",
            passed));
  }

  /** A benchmark saved through the engine, as the generator's acceptance saves one. */
  static long save(ApiFixture api, String name) {
    long run =
        api.project
            .runs()
            .create(
                new NewRun(
                    "benchmark-generator", name, ModelConfig.of("openai", "gpt-test").toJson()))
            .id();
    return api.project
        .benchmarks()
        .save(
            new NewBenchmark(
                name,
                run,
                bytes("print('generator')\n"),
                "{\"goal\": \"roll the ball to the bin\"}",
                "{\"max_steps\": 500}",
                "Tilt the ramp.",
                "accepted",
                List.of(
                    new NewBenchmark.NewVariant(
                        1,
                        bytes("<mujoco model='s1'/>"),
                        Map.of("benchmark.json", bytes("{}")),
                        report(1, true),
                        true),
                    new NewBenchmark.NewVariant(
                        2, bytes("<mujoco model='s2'/>"), Map.of(), report(2, false), false))));
  }

  @Test
  void benchmarksArePagedNewestFirstAndReadWithEverySeedsVerdict() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      long a = save(api, "ramp");
      long b = save(api, "bin");
      long c = save(api, "lever");

      var first = api.get("/benchmarks?limit=2");
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.json().get("benchmarks"))
          .extracting(n -> n.get("id").asLong())
          .containsExactly(c, b);
      long next = first.json().get("next").asLong();
      var second = api.get("/benchmarks?limit=2&before=" + next);
      assertThat(second.json().get("benchmarks"))
          .extracting(n -> n.get("id").asLong())
          .containsExactly(a);
      assertThat(second.json().get("next").isNull()).isTrue();
      JsonNode summary = second.json().get("benchmarks").get(0);
      assertThat(summary.get("variants").asInt()).isEqualTo(2);
      assertThat(summary.get("passedVariants").asInt()).isEqualTo(1);

      var one = api.get("/benchmarks/" + a);
      assertThat(one.status()).isEqualTo(200);
      JsonNode n = one.json();
      BenchmarkDetail stored = api.project.benchmarks().find(a).orElseThrow();
      assertThat(n.get("name").asText()).isEqualTo("ramp");
      assertThat(n.get("run").asLong()).isEqualTo(stored.info().runId());
      assertThat(n.get("objectives").get("goal").asText()).isEqualTo("roll the ball to the bin");
      assertThat(n.get("constraints").get("max_steps").asInt()).isEqualTo(500);
      assertThat(n.get("expectedSolution").asText()).isEqualTo("Tilt the ramp.");
      assertThat(n.get("generatorSha256").asText()).isEqualTo(stored.generatorSha256());
      JsonNode seeds = n.get("seeds");
      assertThat(seeds).hasSize(2);
      assertThat(seeds.get(0).get("passed").asBoolean()).isTrue();
      assertThat(seeds.get(0).get("validation").get("mjcf_check").get("verdict").asText())
          .isEqualTo("ok");
      assertThat(seeds.get(0).get("assets").has("benchmark.json")).isTrue();
      assertThat(seeds.get(1).get("passed").asBoolean()).isFalse();
      assertThat(seeds.get(1).get("validation").get("problems").get(0).asText())
          .contains("unstable");
      assertThat(seeds.get(1).get("sceneSha256").asText())
          .isEqualTo(stored.variants().get(1).mjcfSha256());
    }
  }

  @Test
  void badBenchmarkRequestsAreRefusedClearlyAndChangeNothing() {
    try (ApiFixture api = ApiFixture.start(dir)) {
      save(api, "ramp");
      RecordedState before = RecordedState.of(api.project);

      var text = api.get("/benchmarks/ramp");
      assertThat(text.status()).isEqualTo(400);
      assertThat(text.contentType()).startsWith(ApiServer.PROBLEM);
      assertThat(text.json().get("errors").toString()).contains("path parameter 'benchmarkId'");

      assertThat(api.get("/benchmarks/0").status()).isEqualTo(400);

      var limit = api.get("/benchmarks?limit=1001");
      assertThat(limit.status()).isEqualTo(400);
      assertThat(limit.json().get("errors").toString()).contains("query parameter 'limit'");

      var before0 = api.get("/benchmarks?before=0");
      assertThat(before0.status()).isEqualTo(400);
      assertThat(before0.json().get("errors").toString()).contains("query parameter 'before'");

      var missing = api.get("/benchmarks/999");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.json().get("detail").asText())
          .isEqualTo("No benchmark 999 in this project.");

      var anonymous = api.send("GET", "/benchmarks", null, null, null);
      assertThat(anonymous.status()).isEqualTo(401);

      assertThat(api.send("DELETE", "/benchmarks/1", null, null, api.token.value()).status())
          .isEqualTo(405);

      assertThat(RecordedState.of(api.project)).isEqualTo(before);
    }
  }
}
