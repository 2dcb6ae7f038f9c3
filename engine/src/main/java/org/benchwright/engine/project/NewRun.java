package org.benchwright.engine.project;

import java.util.Objects;

/**
 * What is needed to create a run: the workflow, the task and a snapshot of the model configuration
 * (never containing keys).
 */
public record NewRun(String workflow, String task, String modelConfigJson) {
  public NewRun {
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(modelConfigJson, "modelConfigJson");
  }
}
