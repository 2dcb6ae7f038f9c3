package org.benchwright.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The status bar's Docker check against the real engine. */
@ExtendWith(DockerRequired.class)
class DockerHealthIT {

  @Test
  void theEngineWithTheSandboxImageIsReady() {
    DockerHealth h = DockerHealth.check();

    assertThat(h.state()).as("%s", h).isEqualTo(DockerHealth.State.READY);
    assertThat(h.summary()).startsWith("Docker ");
    assertThat(h.advice()).contains(SandboxSpec.DEFAULT_IMAGE).contains("is present");
  }

  @Test
  void aMissingImageSaysHowToBuildIt() {
    DockerHealth h = DockerHealth.check("benchwright/no-such-image:0");

    assertThat(h.state()).isEqualTo(DockerHealth.State.IMAGE_MISSING);
    assertThat(h.advice())
        .contains("benchwright/no-such-image:0")
        .contains("sandbox-images/build.sh");
  }
}
