package org.benchwright.desktop.live;

import java.nio.file.Path;
import org.benchwright.engine.model.ModelConfig;

/**
 * A validated request to start a run.
 *
 * @param script the turns file when the provider is {@code scripted}, else null
 * @param paused start paused before the first event, to step through it
 */
public record NewRunRequest(
    String workflow, String task, ModelConfig model, Path script, boolean paused) {}
