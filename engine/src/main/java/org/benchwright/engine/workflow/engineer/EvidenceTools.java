package org.benchwright.engine.workflow.engineer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.benchwright.engine.agent.Tool;
import org.benchwright.engine.agent.ToolContext;
import org.benchwright.engine.agent.ToolResult;
import org.benchwright.engine.agent.Tools;

/** simulate (a verdict recorded as evidence) and list_evidence (the verdicts of the run). */
final class EvidenceTools {

  private EvidenceTools() {}

  static List<Tool> all() {
    return List.of(
        Tools.tool(
            "simulate",
            "Simulate your solution in the run's benchmark: the solution's MJCF fragment is"
                + " placed in benchmark/scene.xml, its parts must lie in the build zone, then each"
                + " variant (the moved object's start jittered) runs until the object enters the"
                + " goal zone or fails (timeout, forbid-zone contact, leaving bounds, instability,"
                + " a saturated motor). Reports per variant: outcome, time to goal, closest"
                + " distance, failure reason; the verdict is recorded as an evidence event.",
            Tools.schema()
                .addStringProperty(
                    "path", "the solution's MJCF fragment, default " + Simulation.DEFAULT_SOLUTION)
                .addIntegerProperty(
                    "variants",
                    "how many jittered starts, default "
                        + Simulation.DEFAULT_VARIANTS
                        + ", at most "
                        + Simulation.MAX_VARIANTS)
                .addNumberProperty(
                    "seconds",
                    "simulated time limit per variant, default "
                        + Simulation.fmt(Simulation.DEFAULT_SECONDS)
                        + ", at most "
                        + Simulation.fmt(Simulation.MAX_SECONDS))
                .build(),
            EvidenceTools::simulate),
        Tools.tool(
            "list_evidence",
            "List the validation verdicts recorded in this run (simulations, price checks,"
                + " acceptance), newest last, with their event numbers.",
            Tools.schema().build(),
            EvidenceTools::listEvidence));
  }

  private static ToolResult simulate(ToolContext ctx, JsonNode a) {
    Simulation.Request defaults =
        Simulation.Request.defaults(
            ctx.project(),
            a.hasNonNull("path") ? a.get("path").asText() : Simulation.DEFAULT_SOLUTION);
    Simulation.Request request;
    try {
      request =
          new Simulation.Request(
              defaults.solutionPath(),
              a.hasNonNull("variants") ? a.get("variants").asInt() : defaults.variants(),
              a.hasNonNull("seconds") ? a.get("seconds").asDouble() : defaults.seconds());
      Simulation.Outcome o =
          Simulation.run(ctx.project(), ctx.runId(), ctx.node(), ctx.sandbox(), request);
      return ToolResult.ok(o.report());
    } catch (IllegalArgumentException e) {
      return ToolResult.error(e.getMessage());
    }
  }

  private static ToolResult listEvidence(ToolContext ctx, JsonNode a) {
    StringBuilder sb = new StringBuilder();
    Evidence.events(ctx.project(), ctx.runId())
        .forEach(
            e -> {
              sb.append('#').append(e.seq());
              Evidence.verdict(e)
                  .ifPresentOrElse(
                      v -> {
                        String report = v.report() == null ? "" : v.report();
                        sb.append(' ')
                            .append(v.check())
                            .append(v.passed() ? " passed" : " FAILED")
                            .append(e.node() == null ? "" : " (by " + e.node() + ")")
                            .append(": ")
                            .append(
                                report.length() > 1_500
                                    ? report.substring(0, 1_500) + " [...]"
                                    : report);
                      },
                      () -> sb.append(" (unreadable)"));
              sb.append('\n');
            });
    return ToolResult.ok(sb.isEmpty() ? "No verdict recorded in this run yet." : sb.toString());
  }
}
