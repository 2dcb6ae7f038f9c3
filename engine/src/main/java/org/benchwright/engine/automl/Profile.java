package org.benchwright.engine.automl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset's profile as the harness computed it (rows, typed columns with missing values and
 * cardinality, the detected target and task with the reason, target candidates, class balance,
 * meta-features, warnings). Read-only; the JSON text is what the project stores.
 */
public record Profile(
    String format,
    long rows,
    List<Column> columns,
    String target,
    String task,
    String reason,
    Map<String, Long> classes,
    List<Candidate> candidates,
    Map<String, Double> meta,
    List<String> warnings,
    JsonNode json) {

  /** One column: its type (numeric, categorical, boolean, text, datetime) and statistics. */
  public record Column(
      String name,
      String type,
      long missing,
      long distinct,
      boolean distinctCapped,
      Double min,
      Double max,
      Double mean,
      Double std,
      List<Map.Entry<String, Long>> top) {}

  /** A column that could be the target, with the task it would be and why. */
  public record Candidate(String name, String task, String reason) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @throws IllegalArgumentException when the text is not a profile the harness writes
   */
  public static Profile parse(String text) {
    JsonNode j;
    try {
      j = JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("The profile is not JSON: " + e.getMessage(), e);
    }
    if (j == null || !j.path("columns").isArray() || !j.path("target").isObject()) {
      throw new IllegalArgumentException("The profile has no columns or no target.");
    }
    List<Column> columns = new ArrayList<>();
    for (JsonNode c : j.get("columns")) {
      List<Map.Entry<String, Long>> top = new ArrayList<>();
      for (JsonNode t : c.path("top")) {
        top.add(Map.entry(t.path(0).asText(), t.path(1).asLong()));
      }
      columns.add(
          new Column(
              c.path("name").asText(),
              c.path("type").asText(),
              c.path("missing").asLong(),
              c.path("distinct").asLong(),
              c.path("distinct_capped").asBoolean(),
              number(c.get("min")),
              number(c.get("max")),
              number(c.get("mean")),
              number(c.get("std")),
              List.copyOf(top)));
    }
    JsonNode t = j.get("target");
    Map<String, Long> classes = new LinkedHashMap<>();
    t.path("classes").properties().forEach(e -> classes.put(e.getKey(), e.getValue().asLong()));
    List<Candidate> candidates = new ArrayList<>();
    for (JsonNode c : j.path("candidates")) {
      candidates.add(
          new Candidate(
              c.path("name").asText(), c.path("task").asText(), c.path("reason").asText()));
    }
    Map<String, Double> meta = new LinkedHashMap<>();
    j.path("meta")
        .properties()
        .forEach(
            e -> {
              if (e.getValue().isNumber()) {
                meta.put(e.getKey(), e.getValue().asDouble());
              }
            });
    List<String> warnings = new ArrayList<>();
    j.path("warnings").forEach(w -> warnings.add(w.asText()));
    return new Profile(
        j.path("format").asText(),
        j.path("rows").asLong(),
        List.copyOf(columns),
        t.path("name").asText(),
        t.path("task").asText(),
        t.path("reason").asText(),
        classes,
        List.copyOf(candidates),
        meta,
        List.copyOf(warnings),
        j);
  }

  private static Double number(JsonNode n) {
    return n == null || !n.isNumber() ? null : n.asDouble();
  }

  public java.util.Optional<Column> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** Text for a model: the shape, the target and why, each column in one line, the warnings. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(rows).append(" rows, ").append(columns.size()).append(" columns (").append(format);
    sb.append(")\nTarget: ").append(target).append(" — ").append(task).append(": ").append(reason);
    if (!classes.isEmpty()) {
      sb.append("\nClasses: ").append(classes);
    }
    sb.append("\nColumns:\n");
    for (Column c : columns) {
      sb.append("- ").append(c.name()).append(" (").append(c.type()).append(") missing ");
      sb.append(c.missing()).append(", distinct ").append(c.distinct());
      sb.append(c.distinctCapped() ? "+" : "");
      if (c.mean() != null) {
        sb.append(
            String.format(
                java.util.Locale.ROOT,
                ", mean %.4g, std %.4g",
                c.mean(),
                c.std() == null ? Double.NaN : c.std()));
        sb.append(String.format(java.util.Locale.ROOT, ", range [%.4g, %.4g]", c.min(), c.max()));
      }
      sb.append('\n');
    }
    if (!meta.isEmpty()) {
      sb.append("Meta-features: ").append(meta).append('\n');
    }
    warnings.forEach(w -> sb.append("Warning: ").append(w).append('\n'));
    return sb.toString();
  }
}
