package org.benchwright.testsupport;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For tests that need a Docker engine and the sandbox image. Without them the tests are skipped
 * with a message saying what is missing — unless {@code -Dbenchwright.requireDocker=true} (as in
 * CI), where they fail instead, so CI can never pass by skipping them.
 */
public final class DockerRequired implements BeforeAllCallback {

  public static final String REQUIRE_PROPERTY = "benchwright.requireDocker";

  @Override
  public void beforeAll(ExtensionContext context) {
    Optional<String> missing = probe().whatIsMissing();
    if (missing.isEmpty()) {
      return;
    }
    if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
      throw new IllegalStateException(
          "Docker tests are required here (" + REQUIRE_PROPERTY + "=true) but " + missing.get());
    }
    String message = "SKIPPED Docker tests in " + context.getDisplayName() + ": " + missing.get();
    // Surefire and Failsafe report an aborted class without its reason; stderr keeps it visible.
    System.err.println(message);
    Assumptions.abort(message);
  }

  private static DockerProbe probe() {
    List<DockerProbe> probes =
        ServiceLoader.load(DockerProbe.class).stream().map(ServiceLoader.Provider::get).toList();
    if (probes.size() != 1) {
      throw new IllegalStateException(
          "expected one "
              + DockerProbe.class.getName()
              + " registered in the test resources' META-INF/services, found "
              + probes.size());
    }
    return probes.getFirst();
  }
}
