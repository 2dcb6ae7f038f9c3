package org.benchwright.engine.automl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.benchwright.engine.capabilities.Schemas;

/**
 * An automl plan: target and task, metric, folds and seed, the training budget, preprocessing,
 * candidates with their search spaces, the ensemble. It is the text of the run's plan revision (so
 * the gate approves, edits or rejects it like any plan) and its run file {@code plan.json}. The
 * structure is checked here against {@code plan.schema.json}; the harness checks what only it knows
 * (a parameter's name for its model, a search range it can sample).
 */
public record AutoMlPlan(JsonNode json) {

  /** The plan as a run file. */
  public static final String FILE = "plan.json";

  /** One model to train: its name on the leaderboard and its kind. */
  public record Candidate(String name, String model) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final JsonNode SCHEMA = schema();

  private static final Map<String, Set<String>> METRICS =
      Map.of(
          "binary", Set.of("roc_auc", "accuracy", "log_loss"),
          "multiclass", Set.of("accuracy", "log_loss"),
          "regression", Set.of("rmse", "mae", "r2"));

  /**
   * @throws IllegalArgumentException with every problem found, each naming where it is
   */
  public static AutoMlPlan parse(String text) {
    JsonNode j;
    try {
      j = JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IllegalArgumentException(
          "The plan is not JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (j == null || !j.isObject()) {
      throw new IllegalArgumentException("The plan must be a JSON object.");
    }
    List<String> problems = new ArrayList<>(Schemas.problems(SCHEMA, j));
    if (problems.isEmpty()) {
      Set<String> names = new HashSet<>();
      for (JsonNode c : j.get("candidates")) {
        if (!names.add(c.get("name").asText())) {
          problems.add("two candidates are named '" + c.get("name").asText() + "'");
        }
      }
      String task = j.get("task").asText();
      if (!METRICS.get(task).contains(j.get("metric").asText())) {
        problems.add(
            "metric "
                + j.get("metric").asText()
                + " does not fit a "
                + task
                + " task (use one of "
                + String.join(", ", new java.util.TreeSet<>(METRICS.get(task)))
                + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("The plan is not valid: " + String.join("; ", problems));
    }
    return new AutoMlPlan(j);
  }

  public String target() {
    return json.get("target").asText();
  }

  public String task() {
    return json.get("task").asText();
  }

  public String metric() {
    return json.get("metric").asText();
  }

  public double budgetSeconds() {
    return json.get("budget_seconds").asDouble();
  }

  public List<Candidate> candidates() {
    List<Candidate> out = new ArrayList<>();
    json.get("candidates")
        .forEach(c -> out.add(new Candidate(c.get("name").asText(), c.get("model").asText())));
    return out;
  }

  /** How many of the best candidates the ensemble combines (1: the best alone). */
  public int ensembleTop() {
    return json.path("ensemble").path("top").asInt(3);
  }

  /** The custom feature code's file name, when the plan has one. */
  public java.util.Optional<String> featuresCode() {
    return json.hasNonNull("features_code")
        ? java.util.Optional.of(json.get("features_code").asText())
        : java.util.Optional.empty();
  }

  /** The plan as it is stored and shown: indented JSON. */
  public String text() {
    try {
      return JSON.writeValueAsString(json) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode schema() {
    try (InputStream in = AutoMlPlan.class.getResourceAsStream("plan.schema.json")) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
