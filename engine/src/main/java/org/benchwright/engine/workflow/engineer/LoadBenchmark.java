package org.benchwright.engine.workflow.engineer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.benchwright.engine.agent.Check;
import org.benchwright.engine.mjcf.BenchmarkFormatException;
import org.benchwright.engine.mjcf.BenchmarkScene;
import org.benchwright.engine.project.BenchmarkDetail;
import org.benchwright.engine.project.BenchmarkInfo;
import org.benchwright.engine.project.Project;

/**
 * The engineer workflow's setup: the task names a stored benchmark ({@code benchmark 3} or its uid,
 * optionally {@code seed 2}); its variant's scene, benchmark.json and meshes are copied into the
 * run's {@code benchmark/} folder, so every later step (and an exported or forked run) has them as
 * run files. Without a seed, the lowest seed that passed validation is used. See ADR 0017.
 */
final class LoadBenchmark implements Check {

  static final String NAME = "load-benchmark";
  private static final String NODE = "setup";
  private static final Pattern BENCHMARK =
      Pattern.compile(
          "(?i)\\bbenchmark\\s+#?([0-9]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\b");
  private static final Pattern SEED = Pattern.compile("(?i)\\bseed\\s+([0-9]+)\\b");

  @Override
  public Result run(CheckContext ctx) {
    Project project = ctx.project();
    Matcher m = BENCHMARK.matcher(ctx.task());
    if (!m.find()) {
      return new Result(
          false,
          "The task names no benchmark. Start the engineer on a stored benchmark, e.g. \"Solve"
              + " benchmark 3 (seed 2)\" or by its uid. "
              + stored(project));
    }
    String ref = m.group(1);
    Optional<BenchmarkInfo> info =
        project.benchmarks().list().stream()
            .filter(
                b ->
                    ref.contains("-")
                        ? b.uid().equalsIgnoreCase(ref)
                        : ref.equals(String.valueOf(b.id())))
            .findFirst();
    if (info.isEmpty()) {
      return new Result(
          false, "There is no benchmark " + ref + " in this project. " + stored(project));
    }
    BenchmarkDetail detail = project.benchmarks().find(info.get().id()).orElseThrow();
    Matcher s = SEED.matcher(ctx.task());
    Optional<Long> seed = s.find() ? Optional.of(Long.parseLong(s.group(1))) : Optional.empty();
    Optional<BenchmarkDetail.Variant> variant =
        detail.variants().stream()
            .filter(v -> seed.map(n -> v.seed() == n).orElse(v.passed()))
            .findFirst();
    if (variant.isEmpty()) {
      return new Result(
          false,
          "Benchmark "
              + ref
              + " has no "
              + seed.map(n -> "seed " + n).orElse("validated seed")
              + "; its seeds: "
              + detail.variants().stream()
                  .map(v -> v.seed() + (v.passed() ? "" : " (failed validation)"))
                  .toList()
              + ".");
    }
    Map<String, byte[]> assets = project.benchmarks().assets(variant.get());
    byte[] json = assets.get("benchmark.json");
    if (json == null) {
      return new Result(
          false,
          "Seed " + variant.get().seed() + " of benchmark " + ref + " has no benchmark.json.");
    }
    BenchmarkScene scene;
    try {
      scene = BenchmarkScene.parse(json);
    } catch (BenchmarkFormatException e) {
      return new Result(
          false, "Benchmark " + ref + " cannot be solved as stored: " + e.getMessage());
    }
    project
        .files()
        .write(ctx.runId(), NODE, Simulation.SCENE, project.benchmarks().mjcf(variant.get()));
    assets.forEach(
        (path, content) ->
            project
                .files()
                .write(ctx.runId(), NODE, Simulation.BENCHMARK_DIR + "/" + path, content));
    return new Result(
        true,
        "Loaded benchmark "
            + detail.info().id()
            + " '"
            + detail.info().name()
            + "' seed "
            + variant.get().seed()
            + " into "
            + Simulation.BENCHMARK_DIR
            + "/: "
            + String.join(", ", List.copyOf(assets.keySet()))
            + ", scene.xml. Moved object '"
            + scene.movedObject().body()
            + "', goal "
            + scene.goalZone()
            + ", build zone "
            + scene.buildZone()
            + ", caps: unit cost "
            + scene.constraints().maxUnitCost()
            + ", weight "
            + scene.constraints().maxWeightKg()
            + " kg at quantity "
            + scene.constraints().targetQuantity()
            + ".");
  }

  private static String stored(Project project) {
    List<BenchmarkInfo> all = project.benchmarks().list();
    if (all.isEmpty()) {
      return "This project has no benchmarks yet: generate one with the benchmark-generator workflow.";
    }
    StringBuilder sb = new StringBuilder("Stored benchmarks:");
    all.stream()
        .limit(20)
        .forEach(
            b ->
                sb.append(" ")
                    .append(b.id())
                    .append(" '")
                    .append(b.name())
                    .append("' (")
                    .append(b.status())
                    .append(");"));
    return sb.toString();
  }
}
