package org.benchwright.engine.project;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stored benchmark with its variants. Content is referenced by blob address; {@link Benchmarks}
 * loads the bytes.
 */
public record BenchmarkDetail(
    BenchmarkInfo info,
    String generatorSha256,
    String objectivesJson,
    String constraintsJson,
    String expectedSolutionNote,
    List<Variant> variants) {

  public BenchmarkDetail {
    variants = List.copyOf(variants);
  }

  /** One seed: its scene, its assets (path → SHA-256, in path order) and its validation. */
  public record Variant(
      long id,
      long seed,
      String mjcfSha256,
      Map<String, String> assets,
      String validationReportJson,
      boolean passed) {

    public Variant {
      assets = Collections.unmodifiableSortedMap(new TreeMap<>(assets));
    }
  }
}
