package org.benchwright.engine.project;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A benchmark to store: the generator script of the run that made it, the planner's objectives,
 * constraints and expected-solution note, a status, and one variant per validated seed.
 */
public record NewBenchmark(
    String name,
    long runId,
    byte[] generatorScript,
    String objectivesJson,
    String constraintsJson,
    String expectedSolutionNote,
    String status,
    List<NewVariant> variants) {

  public NewBenchmark {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(generatorScript, "generatorScript");
    Objects.requireNonNull(objectivesJson, "objectivesJson");
    Objects.requireNonNull(constraintsJson, "constraintsJson");
    Objects.requireNonNull(status, "status");
    variants = List.copyOf(Objects.requireNonNull(variants, "variants"));
  }

  /**
   * One seed's output: the MJCF scene, every other file the generator wrote for it (path relative
   * to the seed's output folder → bytes: benchmark.json, meshes/...), and its validation.
   */
  public record NewVariant(
      long seed,
      byte[] mjcf,
      Map<String, byte[]> assets,
      String validationReportJson,
      boolean passed) {

    public NewVariant {
      Objects.requireNonNull(mjcf, "mjcf");
      assets = Map.copyOf(Objects.requireNonNull(assets, "assets"));
    }
  }
}
