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
 *
 * <p>{@code setup}, when present, names a registered check that runs once before the first node
 * (for example: copy the benchmark a run works on into its files); the run fails with its report if
 * it does not pass.
 */
public record WorkflowDefinition(
    String name,
    String description,
    String start,
    String setup,
    Map<String, Node> nodes,
    Map<String, Map<String, String>> edges,
    Map<String, Map<String, String>> checks) {

  public static final String SUCCEED = "@succeed";
  public static final String FAIL = "@fail";
  public static final String CHECK_PREFIX = "check:";

  /**
   * One role. {@code maxVisits}: how often the run may send this node work before it fails (default
   * {@link #DEFAULT_MAX_VISITS}).
   */
  public record Node(
      String prompt,
      List<String> tools,
      Limits limits,
      @JsonProperty("plan_approval") String planApproval,
      @JsonProperty("max_visits") Integer maxVisits,
      @JsonProperty("outcomes_when_entered_by") Map<String, List<String>> outcomesWhenEnteredBy,
      String promptText) {

    public Node withPromptText(String text) {
      return new Node(prompt, tools, limits, planApproval, maxVisits, outcomesWhenEnteredBy, text);
    }

    public int visitLimit() {
      return maxVisits == null || maxVisits <= 0 ? DEFAULT_MAX_VISITS : maxVisits;
    }
  }

  /** A node sent back this often (a reviewer or a check keeps rejecting) ends the run. */
  public static final int DEFAULT_MAX_VISITS = 8;

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
              raw.setup(),
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
    nodes.forEach(
        (name, node) -> {
          if (node.outcomesWhenEnteredBy() != null) {
            node.outcomesWhenEnteredBy()
                .values()
                .forEach(
                    list -> {
                      if (!outcomesOf(name).containsAll(list)) {
                        throw new IllegalArgumentException(
                            "Node " + name + " narrows to outcomes it has no edges for: " + list);
                      }
                    });
          }
        });
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

  /**
   * The outcomes a node may submit when it was entered by {@code enteredBy} (the outcome of the
   * node before it): a node may narrow them per entry, so a critic reviewing a refusal can only
   * confirm or reject that refusal.
   */
  public List<String> outcomesOf(String node, String enteredBy) {
    Map<String, List<String>> narrowed = nodes.get(node).outcomesWhenEnteredBy();
    if (narrowed == null || enteredBy == null || !narrowed.containsKey(enteredBy)) {
      return outcomesOf(node);
    }
    return outcomesOf(node).stream().filter(narrowed.get(enteredBy)::contains).toList();
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
