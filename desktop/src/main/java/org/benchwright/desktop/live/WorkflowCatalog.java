package org.benchwright.desktop.live;

import java.util.List;
import org.benchwright.engine.workflow.Workflows;

/**
 * The workflows the engine knows (every plug-in on the class path), so a new workflow needs no
 * desktop change.
 */
public final class WorkflowCatalog {

  /** A workflow the user can pick, with its one-line description. */
  public record Entry(String name, String description) {
    @Override
    public String toString() {
      return name;
    }
  }

  private WorkflowCatalog() {}

  public static List<Entry> available() {
    return Workflows.catalog().workflows().stream()
        .map(w -> new Entry(w.name(), w.description()))
        .toList();
  }
}
