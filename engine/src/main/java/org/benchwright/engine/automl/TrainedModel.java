package org.benchwright.engine.automl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.benchwright.engine.project.FileVersion;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.sandbox.ExecResult;
import org.benchwright.engine.sandbox.Termination;

/**
 * A model an automl run trained, with the exact files that made it: the harness as the run recorded
 * it, the plan, any custom feature code, the pickled model. {@link #predict} runs it in the ml
 * sandbox; {@link #export} writes it out as a standalone folder that reproduces its CV score.
 */
public final class TrainedModel {

  private final Project project;
  private final long runId;
  private final Leaderboard.Row row;
  private final Map<String, FileVersion> files;

  private TrainedModel(
      Project project, long runId, Leaderboard.Row row, Map<String, FileVersion> files) {
    this.project = project;
    this.runId = runId;
    this.row = row;
    this.files = files;
  }

  /**
   * @param name "best" or a candidate's name
   * @throws IllegalArgumentException naming the run's models when there is no such one
   */
  public static TrainedModel of(Project project, long runId, String name) {
    Leaderboard.Row row = Leaderboard.of(project, runId).model(name);
    long at = project.events().lastSeq(runId);
    Map<String, FileVersion> all = project.files().filesAt(runId, at);
    Map<String, FileVersion> used = new LinkedHashMap<>();
    List<String> needed = new ArrayList<>(List.of(Harness.FILE, AutoMlPlan.FILE, row.modelFile()));
    try {
      String plan =
          new String(
              project.files().fileAt(runId, AutoMlPlan.FILE, at).orElseThrow(),
              StandardCharsets.UTF_8);
      AutoMlPlan.parse(plan).featuresCode().ifPresent(needed::add);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Run " + runId + " has no readable plan.json.", e);
    }
    for (String path : needed) {
      FileVersion v = all.get(path);
      if (v == null) {
        throw new IllegalArgumentException(
            "Run " + runId + " has no file " + path + " (needed by " + row.name() + ").");
      }
      used.put(path, v);
    }
    return new TrainedModel(project, runId, row, used);
  }

  public Leaderboard.Row row() {
    return row;
  }

  /**
   * Predicts on a CSV or Parquet file in a fresh ml sandbox session and streams the predictions
   * (CSV with a {@code prediction} column) to {@code out}.
   *
   * @throws IllegalArgumentException with the harness's message when the input does not match the
   *     model's feature schema
   */
  public void predict(Path input, MlSandbox sandbox, Duration limit, OutputStream out) {
    if (!Files.isRegularFile(input)) {
      throw new IllegalArgumentException("No file " + input + ".");
    }
    String inPath = "input/" + DatasetImport.safeName(input.getFileName().toString());
    Path dir;
    try {
      dir = Files.createTempDirectory("benchwright-predict-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      String cmd =
          "python3 "
              + Harness.FILE
              + " predict --model "
              + Harness.quote(row.modelFile())
              + " --data "
              + Harness.quote(inPath)
              + " --out predictions.csv";
      ExecResult r =
          sandbox.run(
              new MlSandbox.Inputs(
                  Map.of(), Map.of(inPath, input), files.values(), project.blobs()),
              cmd,
              limit,
              List.of("predictions.csv"),
              dir);
      if (r.termination() == Termination.TIMEOUT) {
        throw new IllegalArgumentException(
            "The prediction stopped after " + limit.toSeconds() + " s.");
      }
      if (r.termination() != Termination.EXIT || r.exitCode() == null || r.exitCode() != 0) {
        throw new IllegalArgumentException(input.getFileName() + ": " + Harness.problem(r));
      }
      Path csv = dir.resolve("predictions.csv");
      if (!Files.isRegularFile(csv)) {
        throw new IllegalStateException("The harness left no predictions: " + Harness.problem(r));
      }
      Files.copy(csv, out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      DatasetImport.deleteTree(dir);
    }
  }

  /**
   * Writes a standalone folder: the harness, the plan, the feature code, the model, its params and
   * recorded result, the dataset (unless {@code withData} is false) and {@code reproduce.sh}, which
   * re-runs the cross-validation with the recorded params and compares the score.
   *
   * @return the files written, relative to {@code dir}
   */
  public List<String> export(Path dir, boolean withData) {
    List<String> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (FileVersion v : files.values()) {
        copy(v.blobSha(), dir.resolve(v.path()));
        written.add(v.path());
      }
      Files.writeString(
          dir.resolve("params.json"), row.params() == null ? "{}" : row.params().toString());
      written.add("params.json");
      Files.writeString(dir.resolve("result.json"), row.data().toString());
      written.add("result.json");
      String data = dataFile();
      Leaderboard board = Leaderboard.of(project, runId);
      for (String member : members()) {
        Path f = dir.resolve("member-params/" + member + ".json");
        Files.createDirectories(f.getParent());
        var params = board.row(member).map(Leaderboard.Row::params).orElse(null);
        Files.writeString(f, params == null ? "{}" : params.toString());
        written.add("member-params/" + member + ".json");
      }
      if (withData) {
        FileVersion d = project.files().filesAt(runId, project.events().lastSeq(runId)).get(data);
        if (d != null) {
          copy(d.blobSha(), dir.resolve(data));
          written.add(data);
        }
      }
      Files.writeString(dir.resolve("reproduce.sh"), reproduceScript(data), StandardCharsets.UTF_8);
      dir.resolve("reproduce.sh").toFile().setExecutable(true);
      written.add("reproduce.sh");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + dir, e);
    }
    return written;
  }

  private String dataFile() {
    return RunDataset.of(project, runId)
        .map(RunDataset.Recorded::dataPath)
        .orElseThrow(() -> new IllegalArgumentException("Run " + runId + " has no dataset."));
  }

  private String reproduceScript(String data) {
    boolean ensemble = "ensemble".equals(row.model());
    StringBuilder sb = new StringBuilder();
    sb.append("#!/bin/sh\n");
    sb.append("# Reproduces the cross-validated score of '").append(row.name());
    sb.append("' exported from a Benchwright automl run.\n");
    sb.append(
        "# Needs Python 3.11 with the packages of Benchwright's ml sandbox image (scikit-learn\n");
    sb.append("# 1.9.1, LightGBM 4.7.0, XGBoost 1.7.4, Optuna 5.0.0, pandas, pyarrow 25.0.1).\n");
    sb.append("set -eu\ncd \"$(dirname \"$0\")\"\n");
    if (ensemble) {
      sb.append(
          "# The ensemble's own score came from nested selection; this re-runs each member.\n");
      for (String name : members()) {
        sb.append("python3 ")
            .append(Harness.FILE)
            .append(" reproduce --data ")
            .append(Harness.quote(data));
        sb.append(" --plan ").append(AutoMlPlan.FILE).append(" --candidate ").append(name);
        sb.append(" --params member-params/")
            .append(name)
            .append(".json --out reproduced-")
            .append(name)
            .append(".json\n");
      }
    } else {
      sb.append("python3 ")
          .append(Harness.FILE)
          .append(" reproduce --data ")
          .append(Harness.quote(data));
      sb.append(" --plan ").append(AutoMlPlan.FILE).append(" --candidate ").append(row.name());
      sb.append(" --params params.json --out reproduced.json\n");
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "python3 -c \"import json; r = json.load(open('reproduced.json')); print('%s %s', r['cv_mean'], '(recorded %.12g)')\"\n",
              row.name(),
              row.metric() == null ? "score" : row.metric(),
              row.cvMean()));
    }
    return sb.toString();
  }

  /** The ensemble's members by name (none for a single model). */
  private List<String> members() {
    List<String> out = new ArrayList<>();
    row.data()
        .path("members")
        .forEach(m -> out.add(m.isTextual() ? m.asText() : m.path("name").asText()));
    return out;
  }

  private void copy(String sha, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try (InputStream in = project.blobs().open(sha).orElseThrow()) {
      Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
