package org.benchwright.engine.workflow.automl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.SandboxLimits;
import org.benchwright.engine.sandbox.SandboxSession;
import org.benchwright.engine.sandbox.SandboxSpec;
import org.benchwright.engine.sandbox.Sandboxes;
import org.benchwright.engine.sandbox.Termination;
import org.benchwright.testsupport.DockerRequired;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The AutoML harness's own pytest suite, run in a real session of the ml image with the engine's
 * limits (1 CPU, 2 GiB): the harness is shipped as a resource and only ever runs there, so this is
 * where its behaviour (exit codes, messages, determinism, budgets) is checked from the build.
 */
@ExtendWith(DockerRequired.class)
class HarnessIT {

  private static final String IMAGE = "benchwright/ml:latest";

  @Test
  void theHarnessTestsPassInTheMlImage() throws Exception {
    SandboxSpec spec = new SandboxSpec(IMAGE, SandboxLimits.defaults().withMemoryBytes(2L << 30));
    try (Sandboxes sandboxes =
            Sandboxes.start(
                Sandboxes.Settings.forOwner("harness-it").withDefaults(spec).withWarmPool(0));
        SandboxSession session = sandboxes.open("harness")) {
      session.writeFiles(
          Map.of(
              "bw_automl.py", resource("bw_automl.py"),
              "test_bw_automl.py", resource("test_bw_automl.py")));
      ExecResult r =
          session.run(
              "python3 -m pytest -q -p no:cacheprovider test_bw_automl.py --junitxml=report.xml",
              Duration.ofMinutes(5));
      assertThat(r.termination()).as(r.detail()).isEqualTo(Termination.EXIT);
      assertThat(r.exitCode())
          .as("pytest in %s:%n%s%n%s", IMAGE, r.stdoutText(), r.stderrText())
          .isZero();
    }
  }

  /** The harness is a main resource, its tests a test resource, both in this package. */
  private static byte[] resource(String name) throws IOException {
    try (InputStream in = HarnessIT.class.getResourceAsStream(name)) {
      assertThat(in).as("resource %s", name).isNotNull();
      return in.readAllBytes();
    }
  }
}
