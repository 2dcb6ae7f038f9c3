package org.benchwright.engine.workflow.engineer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.benchwright.engine.agent.Tools;
import org.benchwright.engine.mjcf.BenchmarkFormatException;
import org.benchwright.engine.mjcf.BenchmarkScene;
import org.benchwright.engine.mjcf.BenchmarkScene.Box;
import org.benchwright.engine.mjcf.BenchmarkScene.Vec3;
import org.benchwright.engine.mjcf.MjcfIssue;
import org.benchwright.engine.mjcf.MjcfSchema;
import org.benchwright.engine.mjcf.SolutionScene;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.RunSandbox;

/**
 * Simulates an engineer's solution in the run's benchmark (docs/domain.md "Solution success"):
 * places the solution fragment in {@code benchmark/scene.xml}, lets MuJoCo compile it and look for
 * parts intersecting at t=0 ({@code mjcf-check}), then runs every jittered variant ({@code
 * mjcf-sim}). Each verdict is recorded as a VALIDATION_VERDICT event, which refusals cite as
 * evidence.
 *
 * <p>Problems the model can fix before anything runs (no solution file, a malformed fragment, bad
 * arguments) throw {@link IllegalArgumentException} with the fix in the message; they are not
 * evidence.
 */
public final class Simulation {

  /** Where a run keeps the benchmark it works on (written by the workflow's setup). */
  public static final String BENCHMARK_DIR = "benchmark";

  public static final String SCENE = BENCHMARK_DIR + "/scene.xml";
  public static final String OBJECTIVES = BENCHMARK_DIR + "/benchmark.json";
  public static final String DEFAULT_SOLUTION = "solution/assembly.xml";

  /** The composed scene sits beside the benchmark's so its relative mesh paths still resolve. */
  static final String COMPOSED = BENCHMARK_DIR + "/with-solution.xml";

  static final String CHECK = "simulate";

  /** Settings: the defaults of simulate's variants and simulated seconds. */
  static final String VARIANTS = "engineer.variants";

  static final String SECONDS = "engineer.seconds";

  public static final int DEFAULT_VARIANTS = 5;
  public static final double DEFAULT_SECONDS = 10;
  public static final double MAX_SECONDS = 30;
  static final int MAX_VARIANTS = 20;

  /** How far beyond the zones and the start region the objects may go before "left bounds". */
  static final double BOUNDS_MARGIN = 0.5;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WORKSPACE = "/workspace";

  private Simulation() {}

  /** What to simulate. */
  public record Request(String solutionPath, int variants, double seconds) {
    public Request {
      if (variants < 1 || variants > MAX_VARIANTS) {
        throw new IllegalArgumentException(
            "variants must be between 1 and " + MAX_VARIANTS + "; got " + variants + ".");
      }
      if (!(seconds > 0) || seconds > MAX_SECONDS) {
        throw new IllegalArgumentException(
            "seconds must be greater than 0 and at most "
                + fmt(MAX_SECONDS)
                + " (the hard cap); got "
                + seconds
                + ".");
      }
    }

    /** The project's defaults: settings {@code engineer.variants} and {@code engineer.seconds}. */
    public static Request defaults(Project project, String solutionPath) {
      int variants =
          project.settings().get(VARIANTS).map(Integer::parseInt).orElse(DEFAULT_VARIANTS);
      double seconds =
          project.settings().get(SECONDS).map(Double::parseDouble).orElse(DEFAULT_SECONDS);
      return new Request(solutionPath, variants, seconds);
    }
  }

  /**
   * A recorded verdict.
   *
   * @param evidenceSeq the VALIDATION_VERDICT event's sequence number
   */
  public record Outcome(boolean passed, String report, long evidenceSeq) {}

  /** Runs the simulation and records its verdict. */
  public static Outcome run(
      Project project, long runId, String node, Supplier<RunSandbox> sandbox, Request request) {
    BenchmarkScene bench = benchmark(project, runId);
    byte[] sceneXml = file(project, runId, SCENE).orElseThrow(() -> noBenchmark(SCENE));
    byte[] fragment =
        file(project, runId, request.solutionPath())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "No file '"
                            + request.solutionPath()
                            + "'. Write the solution's MJCF fragment there first (a <mujoco> with"
                            + " <asset> and <worldbody>)."));
    List<MjcfIssue> issues = MjcfSchema.validate(fragment);
    if (!issues.isEmpty()) {
      throw new IllegalArgumentException(
          (request.solutionPath() + " breaks the MJCF schema:\n" + MjcfIssue.lines(issues, 10))
              .strip());
    }
    String dir = parentOf(request.solutionPath());
    SolutionScene composed =
        SolutionScene.compose(
            sceneXml, fragment, dir.isEmpty() ? WORKSPACE : WORKSPACE + "/" + dir);
    project.files().write(runId, node, COMPOSED, composed.xml());

    RunSandbox box = sandbox.get();
    ExecResult check = box.run(node, "mjcf-check --duration 0 " + COMPOSED, Duration.ofMinutes(2));
    JsonNode checked = parse(check.stdoutText());
    String verdict = checked.path("verdict").asText("no report");
    if (!verdict.equals("ok")) {
      String report =
          "simulation: NOT RUN — MuJoCo rejects the scene with the solution ("
              + verdict
              + "): "
              + describeCheck(checked)
              + (checked.isMissingNode() || checked.isEmpty() ? "\n" + Tools.describe(check) : "");
      return record(project, runId, node, request, false, report, checked);
    }
    List<double[]> offsets = offsets(bench, request.variants());
    ExecResult sim =
        box.run(
            node,
            command(bench, composed.parts(), offsets, request.seconds()),
            Duration.ofSeconds((long) (60 + request.variants() * request.seconds() * 4)));
    JsonNode result = parse(sim.stdoutText());
    if (!result.has("verdict")) {
      return record(
          project,
          runId,
          node,
          request,
          false,
          "simulation: the simulator gave no report.\n" + Tools.describe(sim),
          result);
    }
    return record(
        project, runId, node, request, result.path("ok").asBoolean(), describe(result), result);
  }

  /** The benchmark of the run, from {@code benchmark/benchmark.json}. */
  static BenchmarkScene benchmark(Project project, long runId) {
    byte[] json = file(project, runId, OBJECTIVES).orElseThrow(() -> noBenchmark(OBJECTIVES));
    try {
      return BenchmarkScene.parse(json);
    } catch (BenchmarkFormatException e) {
      throw new IllegalArgumentException(
          "The run's " + OBJECTIVES + " was changed and no longer reads: " + e.getMessage(), e);
    }
  }

  private static IllegalArgumentException noBenchmark(String path) {
    return new IllegalArgumentException(
        "This run has no " + path + ": it was not started on a stored benchmark.");
  }

  private static Outcome record(
      Project project,
      long runId,
      String node,
      Request request,
      boolean passed,
      String report,
      JsonNode result) {
    ObjectNode details =
        JSON.createObjectNode()
            .put("solution", request.solutionPath())
            .put("variants", request.variants())
            .put("seconds", request.seconds());
    long seq = Evidence.record(project, runId, node, CHECK, passed, report, result, details);
    return new Outcome(passed, report + "Recorded as evidence event #" + seq + ".", seq);
  }

  /**
   * Jittered starts, the same for every run of the same request: variant i draws from a generator
   * seeded with i, so a replay simulates exactly what the original run did.
   */
  static List<double[]> offsets(BenchmarkScene bench, int variants) {
    Vec3 j = bench.movedObject().jitter();
    List<double[]> out = new ArrayList<>();
    for (int i = 1; i <= variants; i++) {
      Random r = new Random(1_000_003L * i);
      out.add(
          new double[] {
            j.x() * (2 * r.nextDouble() - 1),
            j.y() * (2 * r.nextDouble() - 1),
            j.z() * (2 * r.nextDouble() - 1)
          });
    }
    return out;
  }

  static String command(
      BenchmarkScene bench, List<String> parts, List<double[]> offsets, double seconds) {
    StringBuilder sb = new StringBuilder("mjcf-sim");
    sb.append(" --payload ").append(quote(bench.movedObject().body()));
    sb.append(" --goal ").append(box(bench.goalZone()));
    bench
        .forbidZones()
        .forEach(z -> sb.append(" --forbid ").append(quote(z.name() + "=" + box(z.box()))));
    sb.append(" --build-zone ").append(box(bench.buildZone()));
    sb.append(" --bounds ").append(box(bounds(bench)));
    parts.forEach(p -> sb.append(" --part ").append(quote(p)));
    for (double[] o : offsets) {
      sb.append(" --offset ")
          .append(String.format(Locale.ROOT, "%.6f,%.6f,%.6f", o[0], o[1], o[2]));
    }
    sb.append(" --duration ").append(fmt(seconds));
    sb.append(' ').append(COMPOSED);
    return sb.toString();
  }

  /** Everything that matters (zones and start), grown by a margin: beyond it is "left bounds". */
  static Box bounds(BenchmarkScene b) {
    List<Box> boxes =
        new ArrayList<>(List.of(b.goalZone(), b.buildZone(), b.movedObject().startRegion()));
    double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (Box x : boxes) {
      double[] mn = {x.min().x(), x.min().y(), x.min().z()};
      double[] mx = {x.max().x(), x.max().y(), x.max().z()};
      for (int k = 0; k < 3; k++) {
        lo[k] = Math.min(lo[k], mn[k] - BOUNDS_MARGIN);
        hi[k] = Math.max(hi[k], mx[k] + BOUNDS_MARGIN);
      }
    }
    return new Box(new Vec3(lo[0], lo[1], lo[2]), new Vec3(hi[0], hi[1], hi[2]));
  }

  static String describe(JsonNode r) {
    String verdict = r.path("verdict").asText();
    StringBuilder sb = new StringBuilder();
    switch (verdict) {
      case "placement_error" -> {
        sb.append("simulation: NOT RUN — the solution is not placed correctly:\n");
        r.path("problems").forEach(p -> sb.append("- ").append(p.asText()).append('\n'));
        sb.append("build zone (min, max): ").append(r.path("build_zone")).append('\n');
      }
      case "compile_error", "usage_error", "internal_error" ->
          sb.append("simulation: NOT RUN (")
              .append(verdict)
              .append("): ")
              .append(r.path("error").asText())
              .append('\n');
      default -> {
        sb.append("simulation: ")
            .append(verdict.equals("passed") ? "PASSED" : "FAILED")
            .append(" — ")
            .append(r.path("passed").asInt())
            .append(" of ")
            .append(r.path("total").asInt())
            .append(" variants reached the goal within ")
            .append(fmt(r.path("duration").asDouble()))
            .append(" s\n");
        for (JsonNode v : r.path("variants")) {
          JsonNode o = v.path("offset");
          sb.append("variant ")
              .append(v.path("index").asInt())
              .append(
                  String.format(
                      Locale.ROOT,
                      " (start moved by [%.2f, %.2f, %.2f] mm): ",
                      o.path(0).asDouble() * 1000,
                      o.path(1).asDouble() * 1000,
                      o.path(2).asDouble() * 1000));
          if (v.path("outcome").asText().equals("success")) {
            sb.append("success, reached the goal at ")
                .append(fmt(v.path("time_to_goal").asDouble()))
                .append(" s");
          } else {
            sb.append("failure (")
                .append(v.path("failure").asText())
                .append(") ")
                .append(v.path("reason").asText())
                .append("; closest to the goal ")
                .append(fmt(v.path("closest_distance").asDouble()))
                .append(" m at ")
                .append(fmt(v.path("closest_at").asDouble()))
                .append(" s");
          }
          sb.append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static String describeCheck(JsonNode c) {
    if (c.path("compile").has("error") && !c.path("compile").path("error").isNull()) {
      return c.path("compile").path("error").asText() + "\n";
    }
    StringBuilder sb = new StringBuilder();
    for (JsonNode i : c.path("intersections")) {
      sb.append("\n- ")
          .append(i.path("geom1").asText())
          .append(" (body ")
          .append(i.path("body1").asText())
          .append(") intersects ")
          .append(i.path("geom2").asText())
          .append(" (body ")
          .append(i.path("body2").asText())
          .append(") by ")
          .append(fmt(i.path("depth").asDouble()))
          .append(" m at t=0");
    }
    return sb.append('\n').toString();
  }

  static String box(Box b) {
    return String.format(
        Locale.ROOT,
        "%s,%s,%s,%s,%s,%s",
        fmt(b.min().x()),
        fmt(b.min().y()),
        fmt(b.min().z()),
        fmt(b.max().x()),
        fmt(b.max().y()),
        fmt(b.max().z()));
  }

  static String fmt(double d) {
    String s = String.format(Locale.ROOT, "%.6f", d).replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  static Optional<byte[]> file(Project p, long runId, String path) {
    return p.files().fileAt(runId, path, p.events().lastSeq(runId));
  }

  private static JsonNode parse(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      return n == null ? JSON.createObjectNode() : n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return JSON.createObjectNode();
    }
  }
}
