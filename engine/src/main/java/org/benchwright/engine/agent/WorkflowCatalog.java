package org.benchwright.engine.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.benchwright.engine.settings.SettingSpec;

/**
 * Every workflow the engine knows, with the tools, checks and epilogues they may name: the core
 * tools plus what the plug-ins contribute. Built once and checked as a whole, so a workflow that
 * names a missing tool or check is refused when the engine starts, not halfway through a run.
 */
public final class WorkflowCatalog {

  /** The loop's own tool: its outcomes depend on the node, so it is made per node. */
  static final String SUBMIT = "submit";

  private final Map<String, WorkflowDefinition> workflows = new LinkedHashMap<>();
  private final Map<String, Tool> tools = new LinkedHashMap<>();
  private final Map<String, Check> checks = new LinkedHashMap<>();
  private final Map<String, Epilogue> epilogues = new LinkedHashMap<>();
  private final Map<String, WriteGuard> writeGuards = new LinkedHashMap<>();
  private final List<SettingSpec> settings = new ArrayList<>();
  private final List<ToolSource> toolSources = new ArrayList<>();

  private WorkflowCatalog(List<WorkflowPlugin> plugins) {
    CoreTools.all().forEach(t -> put(tools, t.name(), t, "tool", "the core tools"));
    for (WorkflowPlugin p : plugins) {
      String from = p.getClass().getName();
      p.tools().forEach(t -> put(tools, t.name(), t, "tool", from));
      p.checks().forEach(c -> put(checks, c.name(), c.check(), "check", from));
      p.epilogues().forEach(e -> put(epilogues, e.name(), e, "epilogue", from));
      p.writeGuards().forEach(g -> put(writeGuards, g.name(), g.guard(), "write guard", from));
      p.workflows().forEach(w -> put(workflows, w.name(), w, "workflow", from));
      settings.addAll(p.settings());
      toolSources.addAll(p.toolSources());
    }
    workflows.values().forEach(this::verify);
    epilogues.values().forEach(e -> verifyTools(e.name(), e.node()));
  }

  /** The tools the project adds to this workflow's nodes at run time. */
  List<Tool> projectTools(org.benchwright.engine.project.Project project, String workflow) {
    List<Tool> out = new ArrayList<>();
    for (ToolSource s : toolSources) {
      out.addAll(s.tools(project, workflow));
    }
    return out;
  }

  /** The plug-ins on the class path. */
  public static WorkflowCatalog discover() {
    List<WorkflowPlugin> found = new ArrayList<>();
    ServiceLoader.load(WorkflowPlugin.class).forEach(found::add);
    return of(found);
  }

  /**
   * @throws IllegalArgumentException when two plug-ins use one name, or a workflow names a node,
   *     tool, check or epilogue that nothing provides
   */
  public static WorkflowCatalog of(List<WorkflowPlugin> plugins) {
    return new WorkflowCatalog(plugins);
  }

  /** The workflows, by name, in the order the plug-ins were found. */
  public List<WorkflowDefinition> workflows() {
    return List.copyOf(workflows.values());
  }

  /**
   * @throws IllegalArgumentException naming the workflows there are
   */
  public WorkflowDefinition workflow(String name) {
    WorkflowDefinition def = workflows.get(name);
    if (def == null) {
      throw new IllegalArgumentException(
          "No workflow named '"
              + name
              + "'. Known: "
              + String.join(", ", workflows.keySet())
              + ".");
    }
    return def;
  }

  /** The settings the plug-ins read. */
  public List<SettingSpec> settings() {
    return List.copyOf(settings);
  }

  Optional<Tool> tool(String name) {
    return Optional.ofNullable(tools.get(name));
  }

  Optional<Check> check(String name) {
    return Optional.ofNullable(checks.get(name));
  }

  Optional<WriteGuard> writeGuard(String name) {
    return Optional.ofNullable(writeGuards.get(name));
  }

  Optional<Epilogue> epilogue(String name) {
    return Optional.ofNullable(name == null ? null : epilogues.get(name));
  }

  private void verify(WorkflowDefinition w) {
    w.nodes().forEach((node, def) -> verifyTools(w.name() + "." + node, def));
    if (w.setup() != null && !checks.containsKey(w.setup())) {
      throw new IllegalArgumentException(
          "Workflow "
              + w.name()
              + " sets up with check '"
              + w.setup()
              + "', which no plug-in has.");
    }
    w.checks()
        .keySet()
        .forEach(
            c -> {
              if (!checks.containsKey(c)) {
                throw new IllegalArgumentException(
                    "Workflow "
                        + w.name()
                        + " routes through check '"
                        + c
                        + "', which no plug-in"
                        + " has.");
              }
            });
    if (w.epilogue() != null && !epilogues.containsKey(w.epilogue())) {
      throw new IllegalArgumentException(
          "Workflow " + w.name() + " names epilogue '" + w.epilogue() + "', which no plug-in has.");
    }
    if (w.epilogue() != null && w.nodes().containsKey(w.epilogue())) {
      throw new IllegalArgumentException(
          "Workflow " + w.name() + " has a node named like its epilogue, " + w.epilogue() + ".");
    }
  }

  private void verifyTools(String where, WorkflowDefinition.Node node) {
    if (node.writeGuard() != null && !writeGuards.containsKey(node.writeGuard())) {
      throw new IllegalArgumentException(
          where + " names write guard '" + node.writeGuard() + "', which no plug-in has.");
    }
    for (String t : node.tools()) {
      if (!t.equals(SUBMIT) && !tools.containsKey(t)) {
        throw new IllegalArgumentException(
            where + " names tool '" + t + "', which neither the core nor a plug-in has.");
      }
    }
  }

  private static <T> void put(Map<String, T> into, String name, T value, String kind, String from) {
    if (into.putIfAbsent(name, value) != null) {
      throw new IllegalArgumentException(
          "Two plug-ins register the " + kind + " '" + name + "' (the second: " + from + ").");
    }
  }
}
