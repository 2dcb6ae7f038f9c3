package org.benchwright.desktop.health;

import java.util.Optional;
import org.benchwright.engine.sandbox.DockerHealth;
import org.benchwright.testsupport.DockerProbe;

/** The desktop tests ask what the status bar asks. */
public final class SandboxImageProbe implements DockerProbe {

  @Override
  public Optional<String> whatIsMissing() {
    return DockerHealth.check().problem();
  }
}
