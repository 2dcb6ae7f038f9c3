package org.benchwright.engine.live;

import java.nio.file.Path;
import java.util.Map;
import org.benchwright.engine.model.ModelConfig;

/**
 * A validated request to start a run.
 *
 * @param script the turns file when the provider is {@code scripted}, else null
 * @param paused start paused before the first event, to step through it
 * @param inputFiles run files (path to content) recorded before the run's first step, e.g. an
 *     automl run's {@code automl.json} naming its dataset; empty for none
 */
public record NewRunRequest(
    String workflow,
    String task,
    ModelConfig model,
    Path script,
    boolean paused,
    Map<String, byte[]> inputFiles) {

  public NewRunRequest {
    inputFiles = inputFiles == null ? Map.of() : Map.copyOf(inputFiles);
  }

  /** A run that starts from no files. */
  public NewRunRequest(
      String workflow, String task, ModelConfig model, Path script, boolean paused) {
    this(workflow, task, model, script, paused, Map.of());
  }
}
