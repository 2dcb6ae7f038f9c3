package org.benchwright.engine.workflow.engineer;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.benchwright.engine.agent.Check;
import org.benchwright.engine.mjcf.SolutionFormatException;
import org.benchwright.engine.mjcf.SolutionScene;
import org.benchwright.engine.project.EventPayload;
import org.benchwright.engine.project.FileVersion;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.RecordedEvent;

/**
 * After the critic approves, the engine judges the solution itself: it simulates it again with the
 * project's default variants and time limit, and requires the latest validate_and_price verdict of
 * the run to have passed the benchmark's caps for the current version of every mesh part. The run
 * succeeds only on that, never on the agents' word; a failure goes back to the engineer.
 */
final class SolutionAcceptance implements Check {

  static final String NAME = "solution-acceptance";
  static final String PRICE_CHECK = "validate_and_price";
  private static final String NODE = "acceptance";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Result run(CheckContext ctx) {
    Simulation.Outcome o;
    try {
      o =
          Simulation.run(
              ctx.project(),
              ctx.runId(),
              NODE,
              ctx.sandbox(),
              Simulation.Request.defaults(ctx.project(), Simulation.DEFAULT_SOLUTION));
    } catch (IllegalArgumentException e) {
      return new Result(false, "The solution cannot be simulated: " + e.getMessage());
    }
    if (!o.passed()) {
      return new Result(false, o.report());
    }
    String pricing = pricingProblem(ctx.project(), ctx.runId());
    return pricing == null
        ? new Result(true, o.report())
        : new Result(false, "Not accepted: " + pricing + "\n\n" + o.report());
  }

  /** Null when the current parts were priced within the caps, else what is missing. */
  static String pricingProblem(Project project, long runId) {
    long last = project.events().lastSeq(runId);
    byte[] assembly =
        project
            .files()
            .fileAt(runId, Simulation.DEFAULT_SOLUTION, last)
            .orElseThrow(() -> new IllegalStateException("simulated without an assembly"));
    List<String> problems = new ArrayList<>();
    List<SolutionScene.MeshPlacement> meshes;
    try {
      for (String geom : SolutionScene.primitiveGeoms(assembly)) {
        problems.add(
            "geom '"
                + geom
                + "' is a primitive shape, which cannot be priced: model it in OpenSCAD and use"
                + " its mesh");
      }
      meshes = SolutionScene.placements(assembly);
    } catch (SolutionFormatException e) {
      return e.getMessage();
    }
    RecordedEvent latest = latestPricing(project, runId);
    if (latest == null) {
      problems.add(
          "the parts were never priced: call validate_and_price for every mesh part (the"
              + " benchmark's cost and weight caps are part of success)");
      return String.join("; ", problems) + ".";
    }
    EventPayload.ValidationVerdict verdict = Evidence.verdict(latest).orElseThrow();
    if (!verdict.passed()) {
      problems.add(
          "the latest validate_and_price verdict (#"
              + latest.seq()
              + ") failed:\n"
              + verdict.report());
    }
    Set<String> priced = new HashSet<>();
    verdict
        .details()
        .getOrDefault("parts", JSON.createArrayNode())
        .forEach(p -> priced.add(p.path("path").asText()));
    Map<String, FileVersion> files = project.files().filesAt(runId, last);
    String dir =
        Simulation.DEFAULT_SOLUTION.substring(0, Simulation.DEFAULT_SOLUTION.lastIndexOf('/') + 1);
    for (SolutionScene.MeshPlacement p : meshes) {
      String path = dir + p.file();
      FileVersion v = files.get(path);
      if (!priced.contains(path)) {
        problems.add(path + " (geom " + p.geom() + ") was not priced: call validate_and_price");
      } else if (v != null && v.seq() > latest.seq()) {
        problems.add(path + " changed after it was priced (#" + latest.seq() + "): price it again");
      }
    }
    return problems.isEmpty() ? null : String.join("; ", problems) + ".";
  }

  private static RecordedEvent latestPricing(Project project, long runId) {
    return Evidence.events(project, runId)
        .filter(e -> Evidence.verdict(e).map(v -> PRICE_CHECK.equals(v.check())).orElse(false))
        .reduce((first, second) -> second)
        .orElse(null);
  }
}
