package org.benchwright.engine.sandbox;

import java.util.Optional;
import org.benchwright.testsupport.DockerProbe;

/** The engine's answer to {@link org.benchwright.testsupport.DockerRequired}: the health check. */
public final class SandboxImageProbe implements DockerProbe {

  @Override
  public Optional<String> whatIsMissing() {
    return DockerHealth.check().problem();
  }
}
