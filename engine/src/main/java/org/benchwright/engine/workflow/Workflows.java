package org.benchwright.engine.workflow;

import java.util.function.Supplier;
import org.benchwright.engine.agent.AgentRuntime;
import org.benchwright.engine.agent.WorkflowCatalog;
import org.benchwright.engine.model.ModelGateway;
import org.benchwright.engine.model.PriceTable;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.Sandboxes;

/**
 * Where the CLI and the desktop get their runtime: over every workflow plug-in on the class path
 * (found once; the catalog is immutable).
 */
public final class Workflows {

  /** Project setting holding the model price table (JSON), merged over the defaults. */
  public static final String PRICES = "model.prices";

  private static volatile WorkflowCatalog catalog;

  private Workflows() {}

  /** The plug-ins on the class path, checked as a whole the first time they are asked for. */
  public static WorkflowCatalog catalog() {
    WorkflowCatalog c = catalog;
    if (c == null) {
      synchronized (Workflows.class) {
        if (catalog == null) {
          catalog = WorkflowCatalog.discover();
        }
        c = catalog;
      }
    }
    return c;
  }

  public static AgentRuntime runtime(
      Project project, ModelGateway gateway, Supplier<Sandboxes> sandboxes) {
    return new AgentRuntime(project, gateway, sandboxes, catalog());
  }

  public static PriceTable prices(Project project) {
    return project.settings().get(PRICES).map(PriceTable::fromJson).orElseGet(PriceTable::defaults);
  }
}
