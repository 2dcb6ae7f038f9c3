package org.benchwright.engine.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A workflow as data: nodes (roles with a prompt, tools and limits) and edges chosen by the outcome
 * a node ends with. Loaded from {@code org/benchwright/engine/workflow/NAME.json} with its prompts
 * beside it, so a workflow changes without code.
 *
 * <p>An edge target is a node name, {@code @succeed}, {@code @fail}, or a check: {@code check:NAME}
 * runs a registered check and continues on its {@code pass}/{@code fail} edge.
 */
public record WorkflowDefinition(
    String name,
    String description,
    String start,
    Map<String, Node> nodes,
    Map<String, Map<String, String>> edges,
    Map<String, Map<String, String>> checks) {

  public static final String SUCCEED = "@succeed";
  public static final String FAIL = "@fail";
  public static final String CHECK_PREFIX = "check:";

  /** One role. */
  public record Node(
      String prompt,
      List<String> tools,
      Limits limits,
      @JsonProperty("plan_approval") String planApproval,
      String promptText) {

    public Node withPromptText(String text) {
      return new Node(prompt, tools, limits, planApproval, text);
    }
  }

  /** Per-node limits: model calls, tokens, wall time, and invalid tool calls tolerated. */
  public record Limits(
      int turns,
      @JsonProperty("tokens") long tokens,
      @JsonProperty("wall_seconds") long wallSeconds,
      @JsonProperty("tool_errors") int toolErrors) {
    public Limits {
      if (turns <= 0) {
        turns = 30;
      }
      if (tokens <= 0) {
        tokens = 500_000;
      }
      if (wallSeconds <= 0) {
        wallSeconds = 1_800;
      }
      if (toolErrors <= 0) {
        toolErrors = 6;
      }
    }
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
  private static final String BASE = "/org/benchwright/engine/workflow/";

  public static WorkflowDefinition load(String name) {
    if (!name.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("Not a workflow name: " + name);
    }
    try (InputStream in = WorkflowDefinition.class.getResourceAsStream(BASE + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("No workflow named '" + name + "'.");
      }
      WorkflowDefinition raw = JSON.readValue(in, WorkflowDefinition.class);
      Map<String, Node> withPrompts = new java.util.LinkedHashMap<>();
      for (var e : raw.nodes().entrySet()) {
        withPrompts.put(
            e.getKey(), e.getValue().withPromptText(resource(BASE + e.getValue().prompt())));
      }
      WorkflowDefinition def =
          new WorkflowDefinition(
              raw.name(),
              raw.description(),
              raw.start(),
              withPrompts,
              raw.edges(),
              raw.checks() == null ? Map.of() : raw.checks());
      def.validate();
      return def;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Workflow '" + name + "' is malformed: " + e.getMessage(), e);
    }
  }

  private void validate() {
    Objects.requireNonNull(nodes.get(start), "start node " + start);
    for (var e : edges.entrySet()) {
      if (!nodes.containsKey(e.getKey())) {
        throw new IllegalArgumentException("Edges from unknown node " + e.getKey());
      }
      for (String target : e.getValue().values()) {
        if (!target.startsWith("@")
            && !target.startsWith(CHECK_PREFIX)
            && !nodes.containsKey(target)) {
          throw new IllegalArgumentException("Edge to unknown node " + target);
        }
        if (target.startsWith(CHECK_PREFIX)
            && !(checks != null && checks.containsKey(target.substring(CHECK_PREFIX.length())))) {
          throw new IllegalArgumentException("Edge to a check without pass/fail edges: " + target);
        }
      }
    }
  }

  /** The outcomes a node may submit: the keys of its edges. */
  public List<String> outcomesOf(String node) {
    return List.copyOf(edges.getOrDefault(node, Map.of()).keySet());
  }

  /** A prompt shipped beside the workflows (path relative to the workflow folder). */
  static String prompt(String path) {
    try {
      return resource(BASE + path);
    } catch (IOException e) {
      throw new IllegalStateException("The engine jar lacks " + path, e);
    }
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = WorkflowDefinition.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("missing prompt " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
