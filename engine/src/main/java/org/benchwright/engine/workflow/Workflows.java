package org.benchwright.engine.workflow;

import java.util.function.Supplier;
import org.benchwright.engine.agent.AgentRuntime;
import org.benchwright.engine.agent.WorkflowCatalog;
import org.benchwright.engine.model.ModelGateway;
import org.benchwright.engine.model.PriceTable;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.Sandboxes;
import org.benchwright.engine.settings.SettingsCatalog;

/**
 * Where the CLI and the desktop get their runtime: over every workflow plug-in on the class path
 * (found once; the catalog is immutable).
 */
public final class Workflows {

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

  /** Every setting a user may set: the engine's own and those the workflow plug-ins contribute. */
  public static SettingsCatalog settings() {
    return SettingsCatalog.of(SettingsCatalog.core().specs(), catalog().settings());
  }

  public static AgentRuntime runtime(
      Project project, ModelGateway gateway, Supplier<Sandboxes> sandboxes) {
    return new AgentRuntime(project, gateway, sandboxes, catalog());
  }

  /**
   * The sandbox image a workflow's runs use: its own ({@code "image"} in its definition) or the
   * project's default; what the preflight checks before a run is recorded.
   *
   * @throws IllegalArgumentException for an unknown workflow
   */
  public static String image(Project project, String workflow) {
    String own = catalog().workflow(workflow).image();
    return own != null ? own : Sandboxes.Settings.forProject(project, workflow).defaults().image();
  }

  public static PriceTable prices(Project project) {
    return project
        .settings()
        .get(PriceTable.SETTING)
        .map(PriceTable::fromJson)
        .orElseGet(PriceTable::defaults);
  }
}
