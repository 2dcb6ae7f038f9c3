package org.benchwright.desktop.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.benchwright.desktop.live.WorkflowCatalog;
import org.benchwright.engine.agent.WorkflowDefinition;

/** The shipped workflows and their nodes, for picking per-workflow and per-node setting keys. */
final class KnownWorkflows {

  private KnownWorkflows() {}

  static Map<String, List<String>> nodes() {
    Map<String, List<String>> nodes = new LinkedHashMap<>();
    for (WorkflowCatalog.Entry w : WorkflowCatalog.available()) {
      nodes.put(w.name(), List.copyOf(WorkflowDefinition.load(w.name()).nodes().keySet()));
    }
    return nodes;
  }
}
