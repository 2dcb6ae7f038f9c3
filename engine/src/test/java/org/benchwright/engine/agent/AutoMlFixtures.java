package org.benchwright.engine.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.automl.Harness;
import org.benchwright.engine.automl.MlSandbox;
import org.benchwright.engine.sandbox.ExecResult;

/** Datasets for automl tests: those that ship inside scikit-learn, written out by the harness. */
public final class AutoMlFixtures {

  private AutoMlFixtures() {}

  /** Writes scikit-learn's {@code name} dataset (features and a target column) as DIR/NAME.csv. */
  public static Path example(MlSandbox ml, String name, Path dir) throws Exception {
    Path csv = dir.resolve(name + ".csv");
    ExecResult r =
        ml.run(
            MlSandbox.Inputs.of(Map.of(Harness.FILE, Harness.code()), Map.of()),
            "python3 " + Harness.FILE + " example --name " + name + " --out " + name + ".csv",
            Duration.ofSeconds(120),
            List.of(name + ".csv"),
            dir);
    if (r.exitCode() == null || r.exitCode() != 0 || !Files.isRegularFile(csv)) {
      throw new IllegalStateException("example " + name + " failed: " + Harness.problem(r));
    }
    return csv;
  }
}
