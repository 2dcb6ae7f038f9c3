package org.benchwright.desktop.ui;

import org.benchwright.engine.sandbox.DockerHealth;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For desktop tests that need the Docker engine and the sandbox image: skipped with what is
 * missing, or failed when -Dbenchwright.requireDocker=true (as the engine's own extension does).
 */
public final class DockerRequired implements BeforeAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    DockerHealth health = DockerHealth.check();
    if (health.ready()) {
      return;
    }
    if (Boolean.getBoolean("benchwright.requireDocker")) {
      throw new IllegalStateException(
          "Docker tests are required here (benchwright.requireDocker=true) but " + health.advice());
    }
    String message = "SKIPPED Docker tests in " + context.getDisplayName() + ": " + health.advice();
    System.err.println(message);
    Assumptions.abort(message);
  }
}
