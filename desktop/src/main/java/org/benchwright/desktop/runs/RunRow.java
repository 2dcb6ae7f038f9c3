package org.benchwright.desktop.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import org.benchwright.engine.project.RunInfo;

/**
 * One line of the runs table: the run and the texts its columns show.
 *
 * @param model "provider/model" from the run's model configuration snapshot
 */
public record RunRow(
    RunInfo info, String model, long tokens, String cost, String duration, String status) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static RunRow of(RunInfo r) {
    return new RunRow(
        r,
        modelOf(r.modelConfigJson()),
        r.inputTokens() + r.outputTokens(),
        String.format(Locale.ROOT, "$%.4f", r.costUsd()),
        duration(r.wallMillis()),
        r.status().name().toLowerCase(Locale.ROOT).replace('_', ' '));
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
