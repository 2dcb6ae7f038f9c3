package org.benchwright.desktop.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.agent.WorkflowDefinition;
import org.benchwright.engine.workflow.Workflows;

/** The shipped workflows and their nodes, for picking per-workflow and per-node setting keys. */
final class KnownWorkflows {

  private KnownWorkflows() {}

  static Map<String, List<String>> nodes() {
    Map<String, List<String>> nodes = new LinkedHashMap<>();
    for (WorkflowDefinition w : Workflows.catalog().workflows()) {
      nodes.put(w.name(), List.copyOf(w.nodes().keySet()));
    }
    return nodes;
  }
}
