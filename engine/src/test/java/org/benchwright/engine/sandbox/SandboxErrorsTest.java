package org.benchwright.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Errors that need no Docker engine to show. */
class SandboxErrorsTest {

  @AfterEach
  void clearHost() {
    System.clearProperty("DOCKER_HOST");
  }

  @Test
  void noEngineSaysWhatToStart() {
    // docker-java reads DOCKER_HOST from system properties as well as the environment.
    System.setProperty("DOCKER_HOST", "tcp://127.0.0.1:1");
    assertThatThrownBy(() -> Sandboxes.start(Sandboxes.Settings.forOwner("t")))
        .isInstanceOf(SandboxException.class)
        .hasMessageContaining("No Docker engine answers at tcp://127.0.0.1:1")
        .hasMessageContaining("DOCKER_HOST")
        .extracting(e -> ((SandboxException) e).kind())
        .isEqualTo(SandboxException.Kind.ENGINE_UNREACHABLE);
  }

  @Test
  void limitsRejectNonsense() {
    assertThatThrownBy(() -> SandboxLimits.defaults().withMemoryBytes(1024))
        .hasMessageContaining("at least 16 MiB");
    assertThatThrownBy(() -> SandboxLimits.defaults().withPids(0)).hasMessageContaining("positive");
    assertThat(SandboxLimits.defaults().outputCapBytes()).isEqualTo(1 << 20);
  }
}
