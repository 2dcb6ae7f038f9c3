package org.benchwright.engine.sandbox;

import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For tests that need a Docker engine and the sandbox image. Without them the tests are skipped
 * with a message saying what is missing — unless -Dbenchwright.requireDocker=true (as in CI), where
 * they fail instead, so CI can never pass by skipping them.
 */
public final class DockerRequired implements BeforeAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    String missing = whatIsMissing();
    if (missing == null) {
      return;
    }
    if (Boolean.getBoolean("benchwright.requireDocker")) {
      throw new IllegalStateException(
          "Docker tests are required here (benchwright.requireDocker=true) but " + missing);
    }
    String message = "SKIPPED Docker tests in " + context.getDisplayName() + ": " + missing;
    System.err.println(message);
    Assumptions.abort(message);
  }

  private static String whatIsMissing() {
    try (DockerAccess docker = new DockerAccess()) {
      try {
        docker.ping();
      } catch (SandboxException e) {
        return e.getMessage();
      }
      try {
        docker.control().inspectImageCmd(SandboxSpec.DEFAULT_IMAGE).exec();
      } catch (NotFoundException e) {
        return DockerAccess.imageMissing(SandboxSpec.DEFAULT_IMAGE, e).getMessage();
      }
    }
    return null;
  }
}
