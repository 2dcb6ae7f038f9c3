package org.benchwright.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.benchwright.engine.automl.AutoMlPlan;
import org.benchwright.engine.automl.DatasetImport;
import org.benchwright.engine.automl.Examples;
import org.benchwright.engine.automl.Harness;
import org.benchwright.engine.automl.Leaderboard;
import org.benchwright.engine.automl.MlSandbox;
import org.benchwright.engine.automl.RunDataset;
import org.benchwright.engine.automl.Training;
import org.benchwright.engine.project.Datasets;
import org.benchwright.engine.project.NewRun;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.RunSandbox;
import org.benchwright.engine.sandbox.SandboxLimits;
import org.benchwright.engine.sandbox.SandboxSpec;
import org.benchwright.engine.sandbox.Sandboxes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code benchwright bench automl}: the three figures, measured through the engine's own
 * code paths in the real ml sandbox.
 *
 * <p>Quality and budgets: each of scikit-learn's bundled datasets is added (profiled in the
 * sandbox), the harness's default plan is trained by {@link Training} under the budget and
 * ensembled — exactly what an automl run's tools do, without a model — and scored against
 * scikit-learn's HistGradientBoosting with defaults under the same folds (the reference, measured
 * in the same run). The wall time is the whole training phase as the engine sees it (every
 * candidate's command plus its file sync), against the budget.
 *
 * <p>Profiling: a generated CSV (by default 1,000,000 rows × 20 columns, numeric, integer,
 * categorical and a target) profiled by the harness, against pandas alone reading it and computing
 * the same per-column counts, in the same sandbox; time and peak memory of each.
 */
@Command(
    name = "automl",
    mixinStandardHelpOptions = true,
    description =
        "Measure AutoML quality against HistGradientBoosting, budget overruns, and profiling a big"
            + " CSV against pandas.")
final class AutoMlBench implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MIB = 1024L * 1024;

  @Spec CommandSpec spec;

  @Option(names = "--budget", description = "seconds per dataset (default ${DEFAULT-VALUE})")
  int budget = 60;

  @Option(
      names = "--datasets",
      split = ",",
      description = "scikit-learn datasets (default ${DEFAULT-VALUE})")
  List<String> datasets = List.of("breast_cancer", "wine", "digits", "diabetes");

  @Option(
      names = "--profile-rows",
      description = "rows of the profiling CSV; 0 skips it (default ${DEFAULT-VALUE})")
  int profileRows = 1_000_000;

  @Option(
      names = "--add-mb",
      description =
          "also add a generated CSV of about this many MB as a dataset (profiled and stored"
              + " streamed, within this bench's 256 MB heap); 0 skips it (default ${DEFAULT-VALUE})")
  int addMb = 0;

  @Option(names = "--cpus", description = "sandbox CPUs (default ${DEFAULT-VALUE})")
  double cpus = 2;

  @Option(names = "--memory-mb", description = "sandbox memory (default ${DEFAULT-VALUE})")
  long memoryMb = 4096;

  private PrintWriter out;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    Path dir = Files.createTempDirectory("benchwright-automl-bench-");
    boolean ok = true;
    SandboxLimits limits =
        new SandboxLimits(memoryMb * MIB, cpus, 512, 1024 * MIB, 4096 * MIB, 4096, (int) MIB);
    try (Project p = Project.create(dir.resolve("automl-bench.bwproj"));
        Sandboxes boxes =
            Sandboxes.start(
                Sandboxes.Settings.forOwner(p.uid())
                    .withDefaults(new SandboxSpec(MlSandbox.IMAGE, limits))
                    .withWarmPool(0))) {
      p.settings().put("sandbox.limits.automl", "{\"workspaceMb\": 4096}");
      MlSandbox ml = MlSandbox.of(boxes);
      datasets = datasets.stream().filter(d -> !d.isBlank()).toList();
      if (!datasets.isEmpty()) {
        out.printf(
            Locale.ROOT,
            "Quality and budget: default plan, %d s per dataset, %.0f CPUs; reference:"
                + " HistGradientBoosting defaults, same folds%n",
            budget,
            cpus);
        out.printf(
            Locale.ROOT,
            "%-14s %-8s %-22s %10s %10s %9s %8s %8s %7s%n",
            "dataset",
            "metric",
            "best",
            "score",
            "hgb",
            "beats",
            "wall_s",
            "budget",
            "ratio");
        for (String name : datasets) {
          ok &= quality(p, boxes, ml, name, dir);
        }
      }
      if (profileRows > 0) {
        ok &= profiling(ml, dir);
      }
      if (addMb > 0) {
        ok &= bigAdd(p, ml, dir);
      }
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    out.flush();
    return ok ? 0 : 1;
  }

  private boolean quality(Project p, Sandboxes boxes, MlSandbox ml, String name, Path dir)
      throws Exception {
    Path csv = Examples.write(ml, name, dir);
    Datasets.Dataset d = new DatasetImport(p, ml).add(csv, name, null);
    long run = p.runs().create(new NewRun("automl", "bench " + name, "{}")).id();
    RunDataset.Recorded rec = RunDataset.record(p, run, d);
    try (RunSandbox rs = new RunSandbox(p, run, boxes.open("run-" + run), boxes)) {
      // The first command copies the dataset in; it writes the default plan, outside the budget.
      ExecResult r =
          rs.run(
              "bench",
              "python3 "
                  + Harness.FILE
                  + " default-plan --profile "
                  + RunDataset.PROFILE_FILE
                  + " --out default-plan.json --budget "
                  + budget,
              Duration.ofMinutes(2));
      require(r, "default-plan");
      AutoMlPlan plan = AutoMlPlan.parse(text(p, run, "default-plan.json"));
      Training t = new Training(p, run, "bench", () -> rs, rec.dataPath());
      long started = System.nanoTime();
      t.train(plan, List.of());
      t.ensemble(plan);
      double wall = (System.nanoTime() - started) / 1e9;
      r =
          rs.run(
              "bench",
              "python3 "
                  + Harness.FILE
                  + " baseline --data "
                  + Harness.quote(rec.dataPath())
                  + " --plan "
                  + AutoMlPlan.FILE
                  + " --out baseline.json",
              Duration.ofMinutes(20));
      require(r, "baseline");
      JsonNode base = JSON.readTree(text(p, run, "baseline.json"));
      Leaderboard board = Leaderboard.of(p, run);
      Leaderboard.Row best =
          board
              .best()
              .orElseThrow(
                  () -> new IllegalStateException(name + ": nothing scored\n" + board.render()));
      double hgb = base.get("cv_mean").asDouble();
      boolean max = !"min".equals(best.direction());
      boolean beats = max ? best.cvMean() >= hgb : best.cvMean() <= hgb;
      double ratio = wall / budget;
      out.printf(
          Locale.ROOT,
          "%-14s %-8s %-22s %10.4f %10.4f %9s %8.1f %8d %7.3f%n",
          name,
          best.metric(),
          best.name() + " (" + best.model() + ")",
          best.cvMean(),
          hgb,
          beats ? "yes" : "NO",
          wall,
          budget,
          ratio);
      for (Leaderboard.Row row : board.rows()) {
        out.printf(
            Locale.ROOT,
            "    %-12s %-11s %10s  %s%n",
            row.name(),
            row.status(),
            row.cvMean() == null ? "" : String.format(Locale.ROOT, "%.4f", row.cvMean()),
            row.scored()
                ? String.format(
                    Locale.ROOT,
                    "%d trials, %.1f s of %.1f s",
                    row.trials() == null ? 1 : row.trials(),
                    row.data().path("spent_seconds").asDouble(),
                    row.budgetSeconds() == null ? 0 : row.budgetSeconds())
                : row.detail());
      }
      out.flush();
      return beats && ratio <= 1.10;
    }
  }

  private boolean profiling(MlSandbox ml, Path dir) throws Exception {
    Path csv = dir.resolve("big.csv");
    long started = System.nanoTime();
    writeCsv(csv, profileRows);
    out.printf(
        Locale.ROOT,
        "%nProfiling %,d rows × 20 columns (%.0f MB CSV, written in %.1f s)%n",
        profileRows,
        Files.size(csv) / (double) MIB,
        (System.nanoTime() - started) / 1e9);
    Path got = Files.createDirectories(dir.resolve("profiled"));
    ExecResult ours =
        ml.run(
            MlSandbox.Inputs.of(Map.of(Harness.FILE, Harness.code()), Map.of("data/big.csv", csv)),
            "python3 " + Harness.FILE + " profile --data data/big.csv --out profile.json",
            Duration.ofMinutes(30),
            List.of("profile.json"),
            got);
    require(ours, "profile");
    JsonNode prof = JSON.readTree(got.resolve("profile.json").toFile());
    ExecResult pandas =
        ml.run(
            MlSandbox.Inputs.of(
                Map.of("pandas_profile.py", PANDAS.getBytes(StandardCharsets.UTF_8)),
                Map.of("data/big.csv", csv)),
            "python3 pandas_profile.py data/big.csv pandas.json",
            Duration.ofMinutes(30),
            List.of("pandas.json"),
            got);
    require(pandas, "pandas");
    JsonNode ref = JSON.readTree(got.resolve("pandas.json").toFile());
    out.printf(
        Locale.ROOT,
        "%-32s %10s %14s%n%-32s %10.2f %14.0f%n%-32s %10.2f %14.0f%n%-32s %10.2f %14.2f%n",
        "",
        "seconds",
        "peak memory MB",
        "harness profile (streamed)",
        prof.get("seconds").asDouble(),
        prof.get("peak_memory_mb").asDouble(),
        "pandas read_csv + counts",
        ref.get("seconds").asDouble(),
        ref.get("peak_memory_mb").asDouble(),
        "ratio (harness / pandas)",
        prof.get("seconds").asDouble() / ref.get("seconds").asDouble(),
        prof.get("peak_memory_mb").asDouble() / ref.get("peak_memory_mb").asDouble());
    out.printf(
        Locale.ROOT,
        "rows seen: harness %d, pandas %d%n",
        prof.get("rows").asLong(),
        ref.get("rows").asLong());
    out.flush();
    return prof.get("rows").asLong() == profileRows;
  }

  /**
   * A dataset of about {@code addMb} MB added the way `dataset add` adds it: profiled in the
   * sandbox, stored as a blob in parts, in a JVM whose heap is far smaller than the file.
   */
  private boolean bigAdd(Project p, MlSandbox ml, Path dir) throws Exception {
    Path csv = dir.resolve("big-add.csv");
    // About 147 bytes a row.
    writeCsv(csv, (int) Math.min(Integer.MAX_VALUE, addMb * (1L << 20) / 147));
    long size = Files.size(csv);
    p.settings().put("sandbox.sync.max_total_mb", Long.toString(size / MIB + 1024));
    p.settings().put("sandbox.limits.automl", "{\"workspaceMb\": " + (size / MIB + 1024) + "}");
    long started = System.nanoTime();
    Datasets.Dataset d = new DatasetImport(p, ml).add(csv, "big", null);
    double seconds = (System.nanoTime() - started) / 1e9;
    long before = Files.size(p.file());
    out.printf(
        Locale.ROOT,
        "%nAdded a %.0f MB CSV (%,d rows) as dataset %s in %.1f s (profile and store), JVM max heap"
            + " %d MB; project file %.0f MB%n",
        size / (double) MIB,
        d.rows(),
        d.name(),
        seconds,
        Runtime.getRuntime().maxMemory() / MIB,
        before / (double) MIB);
    Files.delete(csv);
    return p.blobs().size(d.sha256()).orElse(0L) == size;
  }

  /** The reference: what a user would write with pandas alone for the same per-column counts. */
  static final String PANDAS =
      """
      import json, resource, sys, time
      t = time.monotonic()
      import pandas as pd
      df = pd.read_csv(sys.argv[1])
      columns = []
      for c in df.columns:
          s = df[c]
          columns.append({"name": c, "missing": int(s.isna().sum()), "distinct": int(s.nunique()),
                          "dtype": str(s.dtype)})
      describe = df.describe(include="all")
      json.dump({"rows": len(df), "columns": columns,
                 "seconds": time.monotonic() - t,
                 "peak_memory_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024},
                open(sys.argv[2], "w"))
      """;

  /** 14 float columns (some missing), 3 integer, 2 categorical, a binary target; seeded. */
  static void writeCsv(Path csv, int rows) throws Exception {
    SplittableRandom rnd = new SplittableRandom(42);
    String[] colours = {"red", "green", "blue", "amber", "violet"};
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      List<String> header = new ArrayList<>();
      for (int i = 0; i < 14; i++) {
        header.add("f" + i);
      }
      header.addAll(List.of("count_a", "count_b", "year", "colour", "city", "target"));
      w.write(String.join(",", header));
      w.newLine();
      StringBuilder sb = new StringBuilder(256);
      for (int r = 0; r < rows; r++) {
        sb.setLength(0);
        double signal = 0;
        for (int i = 0; i < 14; i++) {
          double v = rnd.nextGaussian();
          signal += i < 3 ? v : 0;
          if (rnd.nextInt(100) == 0) {
            sb.append(',');
          } else {
            sb.append(String.format(Locale.ROOT, "%.5f", v)).append(',');
          }
        }
        sb.append(rnd.nextInt(1000)).append(',').append(rnd.nextInt(50)).append(',');
        sb.append(1990 + rnd.nextInt(35)).append(',');
        sb.append(colours[rnd.nextInt(colours.length)]).append(',');
        sb.append("city_").append(rnd.nextInt(3000)).append(',');
        sb.append(signal + rnd.nextGaussian() > 0 ? 1 : 0);
        w.write(sb.toString());
        w.newLine();
      }
    }
  }

  private static String text(Project p, long run, String path) {
    return new String(
        p.files()
            .fileAt(run, path, p.events().lastSeq(run))
            .orElseThrow(() -> new IllegalStateException("no " + path)),
        StandardCharsets.UTF_8);
  }

  private static void require(ExecResult r, String what) {
    if (r.exitCode() == null || r.exitCode() != 0) {
      throw new IllegalStateException(what + " failed: " + Harness.problem(r));
    }
  }
}
