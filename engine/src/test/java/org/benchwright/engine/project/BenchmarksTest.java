package org.benchwright.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.project.NewBenchmark.NewVariant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarksTest {

  @TempDir Path dir;

  private static final byte[] MESH = bytes("solid chute\nendsolid chute\n");

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static NewVariant variant(long seed, boolean passed) {
    return new NewVariant(
        seed,
        bytes("<mujoco model=\"seed" + seed + "\"/>"),
        Map.of("benchmark.json", bytes("{\"seed\": " + seed + "}"), "meshes/chute.stl", MESH),
        "{\"ok\": " + passed + "}",
        passed);
  }

  private static NewBenchmark benchmark(String name, long runId, List<NewVariant> variants) {
    return new NewBenchmark(
        name,
        runId,
        bytes("print('generator')"),
        "{\"goal_zone\": {}}",
        "{\"max_unit_cost\": 40.0}",
        "a chute guides the ball into the cup",
        "accepted",
        variants);
  }

  private static long run(Project p) {
    return p.runs().create(new NewRun("benchmark-generator", "a chute", "{}")).id();
  }

  @Test
  void aSavedBenchmarkReadsBackWithItsVariantsAndContent() {
    Path file = dir.resolve("p.bwproj");
    long id;
    long runId;
    try (Project p = Project.create(file)) {
      runId = run(p);
      long blobsBefore = p.summary().blobs();
      id =
          p.benchmarks()
              .save(benchmark("chute", runId, List.of(variant(2, true), variant(1, false))));
      // generator + 2 scenes + 2 benchmark.json + 1 mesh shared by both seeds
      assertThat(p.summary().blobs() - blobsBefore).isEqualTo(6);
    }
    try (Project p = Project.openReadOnly(file)) {
      BenchmarkDetail d = p.benchmarks().find(id).orElseThrow();
      assertThat(d.info().name()).isEqualTo("chute");
      assertThat(d.info().runId()).isEqualTo(runId);
      assertThat(d.info().status()).isEqualTo("accepted");
      assertThat(d.info().variants()).isEqualTo(2);
      assertThat(d.info().passedVariants()).isEqualTo(1);
      assertThat(d.objectivesJson()).isEqualTo("{\"goal_zone\": {}}");
      assertThat(d.constraintsJson()).isEqualTo("{\"max_unit_cost\": 40.0}");
      assertThat(d.expectedSolutionNote()).isEqualTo("a chute guides the ball into the cup");
      assertThat(new String(p.benchmarks().generatorScript(d), StandardCharsets.UTF_8))
          .isEqualTo("print('generator')");

      assertThat(d.variants()).extracting(BenchmarkDetail.Variant::seed).containsExactly(1L, 2L);
      BenchmarkDetail.Variant one = d.variants().getFirst();
      assertThat(one.passed()).isFalse();
      assertThat(one.validationReportJson()).isEqualTo("{\"ok\": false}");
      assertThat(one.assets().keySet()).containsExactly("benchmark.json", "meshes/chute.stl");
      assertThat(one.assets().get("meshes/chute.stl")).isEqualTo(BlobStore.addressOf(MESH));
      assertThat(new String(p.benchmarks().mjcf(one), StandardCharsets.UTF_8))
          .isEqualTo("<mujoco model=\"seed1\"/>");
      Map<String, byte[]> assets = p.benchmarks().assets(one);
      assertThat(assets.keySet()).containsExactly("benchmark.json", "meshes/chute.stl");
      assertThat(assets.get("meshes/chute.stl")).isEqualTo(MESH);
      assertThat(new String(assets.get("benchmark.json"), StandardCharsets.UTF_8))
          .isEqualTo("{\"seed\": 1}");
    }
  }

  @Test
  void listShowsNewestFirstWithVariantCounts() {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      long runId = run(p);
      long first = p.benchmarks().save(benchmark("ramp", runId, List.of(variant(1, true))));
      long second =
          p.benchmarks()
              .save(benchmark("chute", runId, List.of(variant(1, true), variant(2, true))));
      long empty = p.benchmarks().save(benchmark("draft", runId, List.of()));
      assertThat(p.benchmarks().list())
          .extracting(BenchmarkInfo::id, BenchmarkInfo::variants, BenchmarkInfo::passedVariants)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(empty, 0, 0),
              org.assertj.core.groups.Tuple.tuple(second, 2, 2),
              org.assertj.core.groups.Tuple.tuple(first, 1, 1));
      assertThat(p.benchmarks().list().getFirst().uid()).isNotBlank();
      assertThat(p.benchmarks().find(999)).isEmpty();
    }
  }

  @Test
  void aFailedSaveLeavesNothingBehind() {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      long runId = run(p);
      long blobs = p.summary().blobs();
      NewVariant escaping =
          new NewVariant(3, bytes("<mujoco/>"), Map.of("../outside.stl", MESH), null, true);
      // The second variant fails after the benchmark row and the first variant's blobs were
      // written.
      assertThatThrownBy(
              () ->
                  p.benchmarks()
                      .save(benchmark("chute", runId, List.of(variant(1, true), escaping))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Benchmark asset")
          .hasMessageContaining("../outside.stl");
      assertThatThrownBy(() -> p.benchmarks().save(benchmark("chute", runId + 1, List.of())))
          .isInstanceOf(ProjectException.class)
          .hasMessage("No run " + (runId + 1) + " in this project.");
      assertThat(p.benchmarks().list()).isEmpty();
      assertThat(p.summary().blobs()).isEqualTo(blobs);
    }
  }

  @Test
  void badInputIsRefusedWithAReason() {
    try (Project p = Project.create(dir.resolve("p.bwproj"))) {
      long runId = run(p);
      assertThatThrownBy(
              () ->
                  p.benchmarks()
                      .save(
                          benchmark("chute", runId, List.of(variant(1, true), variant(1, false)))))
          .hasMessage("Seed 1 appears twice.");
      NewBenchmark notJson =
          new NewBenchmark("chute", runId, bytes("x"), "{goal", "{}", null, "accepted", List.of());
      assertThatThrownBy(() -> p.benchmarks().save(notJson))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("objectivesJson is not JSON");
      NewVariant badReport = new NewVariant(1, bytes("<mujoco/>"), Map.of(), "ok", true);
      assertThatThrownBy(() -> p.benchmarks().save(benchmark("chute", runId, List.of(badReport))))
          .hasMessageStartingWith("validationReportJson of seed 1 is not JSON");
      assertThatThrownBy(() -> p.benchmarks().save(benchmark(" ", runId, List.of())))
          .hasMessage("A benchmark needs a name and a status.");
      assertThat(p.benchmarks().list()).isEmpty();
    }
  }

  @Test
  void aReadOnlyProjectCannotSave() {
    Path file = dir.resolve("p.bwproj");
    long runId;
    try (Project p = Project.create(file)) {
      runId = run(p);
    }
    try (Project p = Project.openReadOnly(file)) {
      assertThatThrownBy(() -> p.benchmarks().save(benchmark("chute", runId, List.of())))
          .isInstanceOf(ProjectException.class)
          .hasMessageContaining("read-only");
    }
  }
}
