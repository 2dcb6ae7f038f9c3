package org.benchwright.engine.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.benchwright.engine.project.Project;

/** The settings the loop reads (they hold JSON): gates, per-node models. */
final class RunSettings {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RunSettings() {}

  /** A setting whose JSON value is a string; a fork's own value comes before the project's. */
  static Optional<String> text(Project project, RunState state, String key) {
    return get(project, state, key)
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

  /** A setting's JSON value: the one a fork set at its point, else the project's. */
  static Optional<String> get(Project project, RunState state, String key) {
    String forked = state == null ? null : state.forkSettings.get(key);
    return forked != null ? Optional.of(forked) : project.settings().get(key);
  }
}
