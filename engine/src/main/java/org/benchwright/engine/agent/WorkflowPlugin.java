package org.benchwright.engine.agent;

import java.util.List;
import org.benchwright.engine.settings.SettingSpec;

/**
 * What a workflow package contributes to the engine: its definitions, the tools its nodes name
 * beyond the core ones, its checks and epilogues. Plug-ins are found with {@link
 * java.util.ServiceLoader} (a line in {@code META-INF/services/org.benchwright.engine.agent
 * .WorkflowPlugin}), so adding a workflow touches no other package; see docs/adding-a-workflow.md.
 *
 * <p>Names are global: a tool, check or epilogue contributed by one plug-in may be named by the
 * workflows of another (the engineer validates MJCF with the benchmark generator's tool).
 */
public interface WorkflowPlugin {

  default List<WorkflowDefinition> workflows() {
    return List.of();
  }

  default List<Tool> tools() {
    return List.of();
  }

  default List<NamedCheck> checks() {
    return List.of();
  }

  default List<Epilogue> epilogues() {
    return List.of();
  }

  /** Tools decided per project and workflow at run time; see {@link ToolSource}. */
  default List<ToolSource> toolSources() {
    return List.of();
  }

  /** Write guards under the names nodes use ({@code "write_guard"}). */
  default List<NamedWriteGuard> writeGuards() {
    return List.of();
  }

  /**
   * The project settings this plug-in's code reads, offered by `benchwright settings` and the
   * desktop.
   */
  default List<SettingSpec> settings() {
    return List.of();
  }

  /** A check under the name edges and {@code setup} use. */
  record NamedCheck(String name, Check check) {}

  /** A write guard under the name nodes use. */
  record NamedWriteGuard(String name, WriteGuard guard) {}
}
