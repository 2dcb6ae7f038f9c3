package org.benchwright.engine.workflow.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.benchwright.engine.agent.Check;
import org.benchwright.engine.mjcf.BenchmarkFormatException;
import org.benchwright.engine.mjcf.BenchmarkScene;
import org.benchwright.engine.mjcf.MjcfIssue;
import org.benchwright.engine.mjcf.MjcfSchema;
import org.benchwright.engine.mjcf.StaticChecks;
import org.benchwright.engine.project.FileVersion;
import org.benchwright.engine.project.NewBenchmark;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.RunSandbox;

/**
 * A generator is accepted only when every sampled seed (default 5; setting {@code benchmark.seeds})
 * produces a scene that passes the schema, the static checks of docs/domain.md and MuJoCo's
 * validation in the sandbox. Then the benchmark is stored with its variants, their reports and the
 * planner's expected-solution note.
 */
final class BenchmarkAcceptance implements Check {

  /** Setting: how many seeds a generator must pass with. */
  static final String SEEDS = "benchmark.seeds";

  static final int DEFAULT_SEEDS = 5;

  static final String NAME = "benchmark-acceptance";
  private static final String NODE = "acceptance";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Result run(CheckContext ctx) {
    Project project = ctx.project();
    long run = ctx.runId();
    int seeds = project.settings().get(SEEDS).map(Integer::parseInt).orElse(DEFAULT_SEEDS);
    Optional<byte[]> generator = file(project, run, "generator.py");
    if (generator.isEmpty()) {
      return new Result(false, "There is no generator.py in the run's files.");
    }
    RunSandbox box = ctx.sandbox().get();
    StringBuilder report = new StringBuilder();
    List<NewBenchmark.NewVariant> variants = new ArrayList<>();
    boolean all = true;
    String objectives = null;
    String constraints = null;
    for (int seed = 1; seed <= seeds; seed++) {
      String dir = "accept/seed-" + seed;
      ObjectNode seedReport = JSON.createObjectNode().put("seed", seed);
      List<String> problems = new ArrayList<>();
      ExecResult gen =
          box.run(
              NODE,
              "rm -rf " + dir + " && python3 generator.py --seed " + seed + " --out " + dir,
              Duration.ofMinutes(5));
      Optional<byte[]> xml = file(project, run, dir + "/scene.xml");
      Optional<byte[]> json = file(project, run, dir + "/benchmark.json");
      if (!gen.succeeded()) {
        problems.add(
            "generator.py failed ("
                + gen.termination()
                + ", exit "
                + gen.exitCode()
                + "): "
                + tail(gen.stderrText()));
      } else if (xml.isEmpty() || json.isEmpty()) {
        problems.add(
            "generator.py did not write " + dir + "/scene.xml and " + dir + "/benchmark.json");
      } else {
        for (MjcfIssue i : MjcfSchema.validate(xml.get())) {
          problems.add("schema, line " + i.line() + ": " + i.message());
        }
        try {
          BenchmarkScene scene = BenchmarkScene.parse(json.get());
          problems.addAll(StaticChecks.check(scene, xml.get()));
          if (objectives == null) {
            objectives = new String(json.get(), StandardCharsets.UTF_8);
            constraints = JSON.valueToTree(scene.constraints()).toString();
          }
        } catch (BenchmarkFormatException e) {
          problems.add("benchmark.json: " + e.getMessage());
        }
        if (problems.isEmpty()) {
          ExecResult check =
              box.run(NODE, "mjcf-check " + dir + "/scene.xml", Duration.ofMinutes(3));
          JsonNode verdict = parse(check.stdoutText());
          seedReport.set("mjcf_check", verdict);
          String v = verdict.path("verdict").asText("no report");
          if (!v.equals("ok")) {
            problems.add("MuJoCo: " + v + " " + describe(verdict));
          }
        }
      }
      seedReport.set("problems", JSON.valueToTree(problems));
      boolean passed = problems.isEmpty();
      seedReport.put("passed", passed);
      all &= passed;
      report.append("seed ").append(seed).append(passed ? ": ok" : ": FAILED").append('\n');
      problems.forEach(p -> report.append("  - ").append(p).append('\n'));
      if (xml.isPresent()) {
        variants.add(
            new NewBenchmark.NewVariant(
                seed, xml.get(), assets(project, run, dir), seedReport.toString(), passed));
      }
    }
    if (all) {
      String name = ctx.task().length() > 80 ? ctx.task().substring(0, 77) + "..." : ctx.task();
      long id =
          project
              .benchmarks()
              .save(
                  new NewBenchmark(
                      name,
                      run,
                      generator.get(),
                      objectives,
                      constraints,
                      ctx.expectedSolution(),
                      "accepted",
                      variants));
      report
          .append("All ")
          .append(seeds)
          .append(" seeds passed; stored as benchmark ")
          .append(id)
          .append('.');
    } else {
      report.append("Not accepted: fix generator.py so that every seed passes.");
    }
    return new Result(all, report.toString());
  }

  private static Optional<byte[]> file(Project p, long run, String path) {
    return p.files().fileAt(run, path, p.events().lastSeq(run));
  }

  private static Map<String, byte[]> assets(Project p, long run, String dir) {
    Map<String, byte[]> assets = new LinkedHashMap<>();
    for (FileVersion f : p.files().filesAt(run, p.events().lastSeq(run)).values()) {
      if (f.path().startsWith(dir + "/") && !f.path().endsWith("/scene.xml")) {
        assets.put(f.path().substring(dir.length() + 1), p.blobs().get(f.blobSha()).orElseThrow());
      }
    }
    return assets;
  }

  private static String describe(JsonNode verdict) {
    if (verdict.path("compile").has("error") && !verdict.path("compile").path("error").isNull()) {
      return verdict.path("compile").path("error").asText();
    }
    if (verdict.path("intersections").size() > 0) {
      return verdict.path("intersections").toString();
    }
    return verdict.path("stability").path("reason").asText("");
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return JSON.createObjectNode().put("verdict", "unreadable report");
    }
  }

  private static String tail(String s) {
    return s.length() <= 1_000 ? s.strip() : "..." + s.substring(s.length() - 1_000).strip();
  }
}
