package org.benchwright.engine.workflow;

import java.util.Map;
import java.util.function.Supplier;
import org.benchwright.engine.agent.AgentRuntime;
import org.benchwright.engine.agent.Check;
import org.benchwright.engine.model.ModelGateway;
import org.benchwright.engine.model.PriceTable;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.Sandboxes;

/** The concrete workflows: their checks, and a runtime that knows them. */
public final class Workflows {

  /** Project setting holding the model price table (JSON), merged over the defaults. */
  public static final String PRICES = "model.prices";

  private Workflows() {}

  public static Map<String, Check> checks() {
    return Map.of(
        BenchmarkAcceptance.NAME,
        new BenchmarkAcceptance(),
        LoadBenchmark.NAME,
        new LoadBenchmark(),
        SolutionAcceptance.NAME,
        new SolutionAcceptance());
  }

  public static AgentRuntime runtime(
      Project project, ModelGateway gateway, Supplier<Sandboxes> sandboxes) {
    return new AgentRuntime(project, gateway, sandboxes, checks());
  }

  public static PriceTable prices(Project project) {
    return project.settings().get(PRICES).map(PriceTable::fromJson).orElseGet(PriceTable::defaults);
  }
}
