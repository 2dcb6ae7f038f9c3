package org.benchwright.desktop.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import org.benchwright.engine.project.RunInfo;

/**
 * One line of the runs table: the run and the texts its columns show.
 *
 * @param model "provider/model" from the run's model configuration snapshot
 * @param depth how deep in the runs tree: 0 for a run that is no fork (or whose parent is not
 *     listed), 1 for a fork of it, 2 for a fork of that fork...
 */
public record RunRow(
    RunInfo info,
    String model,
    long tokens,
    String cost,
    String duration,
    String status,
    int depth) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static RunRow of(RunInfo r) {
    return of(r, 0);
  }

  static RunRow of(RunInfo r, int depth) {
    return new RunRow(
        r,
        modelOf(r.modelConfigJson()),
        r.inputTokens() + r.outputTokens(),
        String.format(Locale.ROOT, "$%.4f", r.costUsd()),
        duration(r.wallMillis()),
        r.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
        depth);
  }

  /** Whether the run is a fork of another run. */
  public boolean isFork() {
    return info.parentRunId() != null;
  }

  /** "fork @ 57": where a fork parts from its parent; empty for a run that is no fork. */
  public String forkStep() {
    if (!isFork()) {
      return "";
    }
    return info.forkSeq() == null ? "fork" : "fork @ " + info.forkSeq();
  }

  /**
   * The task column's text in the tree: a fork indented under its parent, with its fork step in
   * front ("↳ fork @ 57 · task"), so the tree reads without expanding anything.
   */
  public String treeTask() {
    if (!isFork()) {
      return task();
    }
    return "    ".repeat(Math.max(0, depth - 1)) + "↳ " + forkStep() + " · " + task();
  }

  public long id() {
    return info.id();
  }

  public String workflow() {
    return info.workflow();
  }

  /** The task, or the run's label when it has one (labels are what people name runs by). */
  public String task() {
    return info.label() == null || info.label().isBlank()
        ? info.task()
        : info.label() + " — " + info.task();
  }

  static String modelOf(String configJson) {
    try {
      JsonNode n = JSON.readTree(configJson == null ? "{}" : configJson);
      String provider = n.path("provider").asText("");
      String model = n.path("model").asText("");
      if (provider.isEmpty() && model.isEmpty()) {
        return "?";
      }
      return provider.isEmpty() ? model : model.isEmpty() ? provider : provider + "/" + model;
    } catch (java.io.IOException e) {
      return "?"; // a damaged snapshot must not hide the run
    }
  }

  static String duration(long millis) {
    if (millis <= 0) {
      return "—";
    }
    long s = millis / 1000;
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    if (s < 3600) {
      return (s / 60) + " m " + (s % 60) + " s";
    }
    return (s / 3600) + " h " + (s % 3600 / 60) + " m";
  }
}
