package org.benchwright.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Containers do not outlive the process that made them, however it ends. */
@ExtendWith(DockerRequired.class)
class SandboxLifecycleIT {

  @Test
  void aProcessThatExitsWithoutClosingLeavesNothingBehind() throws Exception {
    String owner = "life-" + UUID.randomUUID();
    Process child = SandboxChild.start("exit", owner);
    assertThat(SandboxChild.awaitReady(child)).isTrue();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(DockerLeftovers.of(owner)).isEmpty();
  }

  @Test
  void whatAKilledProcessLeftIsRemovedByTheNextStart() throws Exception {
    String owner = "killed-" + UUID.randomUUID();
    Process child = SandboxChild.start("wait", owner);
    assertThat(SandboxChild.awaitReady(child)).isTrue();
    child.destroyForcibly();
    child.waitFor(30, TimeUnit.SECONDS);
    // A session and a warm-pool container, each with its volume, are left by kill -9.
    assertThat(DockerLeftovers.of(owner)).hasSize(4);

    try (Sandboxes next =
        Sandboxes.start(Sandboxes.Settings.forOwner("other-" + owner).withWarmPool(0))) {
      assertThat(DockerLeftovers.of(owner)).isEmpty();
    }
  }
}
