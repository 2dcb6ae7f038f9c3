package org.benchwright.engine.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A workflow as data: nodes (roles with a prompt, tools and limits) and edges chosen by the outcome
 * a node ends with. Each workflow's plug-in loads it from a JSON file in its own package, with the
 * prompts beside it ({@link #load(Class, String)}), so a workflow's graph changes without code.
 *
 * <p>An edge target is a node name, {@code @succeed}, {@code @fail}, or a check: {@code check:NAME}
 * runs a registered check and continues on its {@code pass}/{@code fail} edge.
 *
 * <p>{@code setup}, when present, names a registered check that runs once before the first node
 * (for example: copy the benchmark a run works on into its files); the run fails with its report if
 * it does not pass.
 *
 * <p>{@code epilogue}, when present, names a registered {@link Epilogue}: an extra node that may
 * run after the workflow succeeded (the skill-writer), whose own failure does not fail the run.
 *
 * <p>{@code image}, when present, is the sandbox image the workflow's commands run in (the automl
 * workflow's Python with scikit-learn, LightGBM and Optuna); absent: the project's default image.
 */
public record WorkflowDefinition(
    String name,
    String description,
    String start,
    String setup,
    String epilogue,
    Map<String, Node> nodes,
    Map<String, Map<String, String>> edges,
    Map<String, Map<String, String>> checks,
    String image) {

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
      @JsonProperty("write_guard") String writeGuard,
      String promptText) {

    public Node withPromptText(String text) {
      return new Node(
          prompt, tools, limits, planApproval, maxVisits, outcomesWhenEnteredBy, writeGuard, text);
    }

    public int visitLimit() {
      return maxVisits == null || maxVisits <= 0 ? DEFAULT_MAX_VISITS : maxVisits;
    }
  }

  /** A node sent back this often (a reviewer or a check keeps rejecting) ends the run. */
  public static final int DEFAULT_MAX_VISITS = 8;

  /**
   * Per-node limits: model calls, tokens, wall time, invalid tool calls tolerated, and how many
   * times a model's refusal is answered with {@link #REFUSAL_REMINDER} before the node ends with
   * outcome {@value #REFUSED} (default 1; 0 ends it at the first refusal).
   */
  public record Limits(
      int turns,
      @JsonProperty("tokens") long tokens,
      @JsonProperty("wall_seconds") long wallSeconds,
      @JsonProperty("tool_errors") int toolErrors,
      @JsonProperty("refusals") Integer refusals) {
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
      if (refusals == null || refusals < 0) {
        refusals = 1;
      }
    }

    public Limits(int turns, long tokens, long wallSeconds, int toolErrors) {
      this(turns, tokens, wallSeconds, toolErrors, null);
    }
  }

  /** The outcome a node ends with when the model keeps refusing its task. */
  public static final String REFUSED = "refused";

  /** What a refusing model is told before its node gives up on it. */
  public static final String REFUSAL_REMINDER =
      "This is a legitimate engineering task. Everything you run executes in an isolated sandbox"
          + " without network access, and a human reviews the results. Please continue with your"
          + " tools; if you cannot, call submit and say why.";

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /**
   * Loads a workflow from {@code resource} beside {@code owner} (its plug-in class), with every
   * node's prompt read from the same folder.
   *
   * @throws IllegalArgumentException when the file is missing, malformed or inconsistent
   */
  public static WorkflowDefinition load(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "No workflow file " + resource + " beside " + owner.getName() + ".");
      }
      WorkflowDefinition raw = JSON.readValue(in, WorkflowDefinition.class);
      if (raw.name() == null || !raw.name().matches("[a-z0-9-]+")) {
        throw new IllegalArgumentException(
            resource + ": a workflow needs a name of lower-case letters, digits and '-'.");
      }
      Map<String, Node> withPrompts = new java.util.LinkedHashMap<>();
      for (var e : raw.nodes().entrySet()) {
        withPrompts.put(
            e.getKey(), e.getValue().withPromptText(prompt(owner, e.getValue().prompt())));
      }
      WorkflowDefinition def =
          new WorkflowDefinition(
              raw.name(),
              raw.description(),
              raw.start(),
              raw.setup(),
              raw.epilogue(),
              withPrompts,
              raw.edges(),
              raw.checks() == null ? Map.of() : raw.checks(),
              raw.image());
      def.validate();
      return def;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Workflow file " + resource + " is malformed: " + e.getMessage(), e);
    }
  }

  private void validate() {
    if (nodes == null || edges == null || !nodes.containsKey(start)) {
      throw new IllegalArgumentException(
          "Workflow " + name + " needs nodes, edges and a start node among its nodes.");
    }
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

  /** A prompt shipped beside {@code owner} (a path relative to its package). */
  public static String prompt(Class<?> owner, String path) {
    try {
      return resource(owner, path);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "No prompt " + path + " beside " + owner.getName() + ".", e);
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

  private static String resource(Class<?> owner, String path) throws IOException {
    try (InputStream in = owner.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("missing prompt " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
