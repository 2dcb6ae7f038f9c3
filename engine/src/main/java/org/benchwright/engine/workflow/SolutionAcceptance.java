package org.benchwright.engine.workflow;

import org.benchwright.engine.agent.Check;
import org.benchwright.engine.agent.Simulation;

/**
 * After the critic approves, the engine itself simulates the solution again with the project's
 * default variants and time limit: the run succeeds only on that verdict, never on the agents'
 * word. A failure goes back to the engineer with the per-variant report.
 */
final class SolutionAcceptance implements Check {

  static final String NAME = "solution-acceptance";
  private static final String NODE = "acceptance";

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
    return new Result(o.passed(), o.report());
  }
}
