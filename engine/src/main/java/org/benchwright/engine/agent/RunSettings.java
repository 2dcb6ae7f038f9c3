package org.benchwright.engine.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.benchwright.engine.project.Project;

/** The settings the loop reads (they hold JSON): gates, per-node models. */
final class RunSettings {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RunSettings() {}

  /** A setting whose JSON value is a string. */
  static Optional<String> text(Project project, String key) {
    return project
        .settings()
        .get(key)
        .map(
            v -> {
              try {
                return JSON.readTree(v).asText();
              } catch (JsonProcessingException e) {
                throw new IllegalStateException(
                    "Setting " + key + " is not JSON: " + e.getOriginalMessage(), e);
              }
            });
  }
}
