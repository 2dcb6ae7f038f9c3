package org.benchwright.engine.automl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.sandbox.ExecResult;

/**
 * The datasets that ship inside scikit-learn (breast_cancer, wine, digits, diabetes, iris), written
 * out as CSV by the harness in the ml sandbox: real data for the demo, the tests and the quality
 * benchmark, with no download.
 */
public final class Examples {

  public static final List<String> NAMES =
      List.of("breast_cancer", "wine", "digits", "diabetes", "iris");

  private Examples() {}

  /**
   * Writes {@code name} (its features and a {@code target} column) as {@code dir/NAME.csv}.
   *
   * @throws IllegalArgumentException for a name scikit-learn does not ship
   */
  public static Path write(MlSandbox ml, String name, Path dir) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "No example dataset '" + name + "'; there are " + String.join(", ", NAMES) + ".");
    }
    Path csv = dir.resolve(name + ".csv");
    ExecResult r =
        ml.run(
            MlSandbox.Inputs.of(Map.of(Harness.FILE, Harness.code()), Map.of()),
            "python3 " + Harness.FILE + " example --name " + name + " --out " + name + ".csv",
            Duration.ofSeconds(120),
            List.of(name + ".csv"),
            dir);
    if (r.exitCode() == null || r.exitCode() != 0 || !Files.isRegularFile(csv)) {
      throw new IllegalStateException(
          "Writing the example dataset " + name + " failed: " + Harness.problem(r));
    }
    return csv;
  }
}
