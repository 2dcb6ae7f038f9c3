package org.benchwright.engine.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.benchwright.engine.project.NewBenchmark.NewVariant;
import org.hibernate.Session;

/**
 * The benchmarks of a project. A benchmark and all its variants are saved in one transaction;
 * scripts, scenes and assets go to the blob store, so a mesh shared by seeds (or benchmarks) is
 * stored once. A variant's assets column is a JSON object path → SHA-256.
 */
public final class Benchmarks {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, String>> ASSETS =
      new TypeReference<>() {};

  private final Store store;

  Benchmarks(Store store) {
    this.store = store;
  }

  /** Stores a benchmark with its variants and returns its id. */
  public long save(NewBenchmark b) {
    if (b.name().isBlank() || b.status().isBlank()) {
      throw new IllegalArgumentException("A benchmark needs a name and a status.");
    }
    requireJson("objectivesJson", b.objectivesJson());
    requireJson("constraintsJson", b.constraintsJson());
    Set<Long> seeds = new HashSet<>();
    for (NewVariant v : b.variants()) {
      if (!seeds.add(v.seed())) {
        throw new IllegalArgumentException("Seed " + v.seed() + " appears twice.");
      }
      if (v.validationReportJson() != null) {
        requireJson("validationReportJson of seed " + v.seed(), v.validationReportJson());
      }
    }
    return store.writeEntities(
        s -> {
          if (s.find(Entities.RunRow.class, b.runId()) == null) {
            throw new ProjectException("No run " + b.runId() + " in this project.");
          }
          Entities.BenchmarkRow r = new Entities.BenchmarkRow();
          r.uid = UUID.randomUUID().toString();
          r.name = b.name();
          r.runId = b.runId();
          r.generatorBlob = putBlob(s, b.generatorScript());
          r.objectives = b.objectivesJson();
          r.constraintsJson = b.constraintsJson();
          r.expectedSolutionNote = b.expectedSolutionNote();
          r.status = b.status();
          r.createdAt = System.currentTimeMillis();
          s.persist(r);
          for (NewVariant v : b.variants()) {
            Entities.BenchmarkVariantRow vr = new Entities.BenchmarkVariantRow();
            vr.benchmarkId = r.id;
            vr.seed = v.seed();
            vr.mjcfBlob = putBlob(s, v.mjcf());
            vr.assets = putAssets(s, v.assets());
            vr.validationReport = v.validationReportJson();
            vr.passed = v.passed();
            s.persist(vr);
          }
          return r.id;
        });
  }

  /** All benchmarks, newest first. */
  public List<BenchmarkInfo> list() {
    return store.readEntities(
        s -> {
          Map<Long, int[]> counts = new HashMap<>();
          for (Object[] row :
              s.createSelectionQuery(
                      "select v.benchmarkId, count(v), sum(case when v.passed then 1 else 0 end)"
                          + " from BenchmarkVariantRow v group by v.benchmarkId",
                      Object[].class)
                  .getResultList()) {
            counts.put(
                (Long) row[0],
                new int[] {((Number) row[1]).intValue(), ((Number) row[2]).intValue()});
          }
          return s
              .createSelectionQuery(
                  "from BenchmarkRow order by id desc", Entities.BenchmarkRow.class)
              .getResultList()
              .stream()
              .map(r -> toInfo(r, counts.getOrDefault(r.id, new int[2])))
              .toList();
        });
  }

  /** A benchmark with its variants (by seed), or empty if there is none with this id. */
  public Optional<BenchmarkDetail> find(long id) {
    return store.readEntities(
        s -> {
          Entities.BenchmarkRow r = s.find(Entities.BenchmarkRow.class, id);
          if (r == null) {
            return Optional.empty();
          }
          List<BenchmarkDetail.Variant> variants =
              s
                  .createSelectionQuery(
                      "from BenchmarkVariantRow where benchmarkId = :id order by seed",
                      Entities.BenchmarkVariantRow.class)
                  .setParameter("id", id)
                  .getResultList()
                  .stream()
                  .map(Benchmarks::toVariant)
                  .toList();
          int passed = (int) variants.stream().filter(BenchmarkDetail.Variant::passed).count();
          return Optional.of(
              new BenchmarkDetail(
                  toInfo(r, new int[] {variants.size(), passed}),
                  r.generatorBlob,
                  r.objectives,
                  r.constraintsJson,
                  r.expectedSolutionNote,
                  variants));
        });
  }

  /** The generator script that produced the benchmark. */
  public byte[] generatorScript(BenchmarkDetail benchmark) {
    return blob(benchmark.generatorSha256(), "the generator of " + benchmark.info().name());
  }

  /** A variant's scene.xml. */
  public byte[] mjcf(BenchmarkDetail.Variant variant) {
    return blob(variant.mjcfSha256(), "the scene of seed " + variant.seed());
  }

  /** A variant's other files by path (benchmark.json, meshes), in path order. */
  public Map<String, byte[]> assets(BenchmarkDetail.Variant variant) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    variant
        .assets()
        .forEach((path, sha) -> out.put(path, blob(sha, path + " of seed " + variant.seed())));
    return out;
  }

  private byte[] blob(String sha, String what) {
    return store
        .read(c -> BlobStore.get(c, sha))
        .orElseThrow(
            () ->
                new ProjectException.Corrupt("The blob of " + what + " (" + sha + ") is missing."));
  }

  private static String putBlob(Session s, byte[] data) {
    // The session runs on the writer connection: blobs commit or roll back with the rows.
    return s.doReturningWork(c -> BlobStore.put(c, data));
  }

  private static String putAssets(Session s, Map<String, byte[]> assets) {
    Map<String, String> addresses = new TreeMap<>();
    assets.forEach(
        (path, data) -> {
          String p;
          try {
            p = RunFiles.normalise(path);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Benchmark asset: " + e.getMessage(), e);
          }
          if (addresses.put(p, putBlob(s, data)) != null) {
            throw new IllegalArgumentException("Asset path " + p + " appears twice.");
          }
        });
    try {
      return JSON.writeValueAsString(addresses);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is always JSON", e);
    }
  }

  private static void requireJson(String field, String json) {
    try {
      JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(field + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static BenchmarkInfo toInfo(Entities.BenchmarkRow r, int[] counts) {
    return new BenchmarkInfo(
        r.id,
        r.uid,
        r.name,
        r.runId,
        r.status,
        counts[0],
        counts[1],
        Instant.ofEpochMilli(r.createdAt));
  }

  private static BenchmarkDetail.Variant toVariant(Entities.BenchmarkVariantRow v) {
    try {
      return new BenchmarkDetail.Variant(
          v.id,
          v.seed,
          v.mjcfBlob,
          JSON.readValue(v.assets, ASSETS),
          v.validationReport,
          Boolean.TRUE.equals(v.passed));
    } catch (JsonProcessingException e) {
      throw new ProjectException.Corrupt(
          "The assets of benchmark variant " + v.id + " are not JSON: " + e.getOriginalMessage(),
          e);
    }
  }
}
